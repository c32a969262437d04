import { describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { AttachEvidenceDocument, type AttachEvidenceMutation } from '@/gql/graphql';
import { uploadEvidenceFile, useEvidence } from '@/features/projects/composables/evidence.js';
import { expectOperation } from './support/apollo.js';
import { nodeItem } from './support/factories.js';
import { mountWithApollo } from './support/mount.js';

const file = () => new File(['%PDF-1.4'], '施工许可证.pdf', { type: 'application/pdf' });
const okFetch = () =>
  vi.fn(async () => new Response(JSON.stringify({ id: 'f1', filename: '施工许可证.pdf', size: 8, contentType: 'application/pdf' }), { status: 201 }));

describe('evidence upload', () => {
  it('posts the file as multipart field "file" with the session cookie', async () => {
    const fetchImpl = okFetch();
    const uploaded = await uploadEvidenceFile(file(), fetchImpl as unknown as typeof fetch);
    expect(uploaded.id).toBe('f1');
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/evidence');
    expect(init.credentials).toBe('same-origin');
    expect((init.body as FormData).get('file')).toBeInstanceOf(File);
  });

  it('explains refusals in Chinese by HTTP status', async () => {
    const tooLarge = vi.fn(async () => new Response('', { status: 413 }));
    await expect(uploadEvidenceFile(file(), tooLarge as unknown as typeof fetch)).rejects.toThrow('文件过大');
    const offline = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(uploadEvidenceFile(file(), offline as unknown as typeof fetch)).rejects.toThrow('网络连接失败');
  });

  it('attaches the uploaded file to the node and reports the API’s refusal', async () => {
    const node = nodeItem({ id: 'n3' });
    const refused: AttachEvidenceMutation = {
      __typename: 'Mutation',
      attachEvidence: { __typename: 'NodePayload', node: null, errors: [{ __typename: 'UserError', code: 'INVALID_STATE', field: null, message: '节点已确认，不能再添加材料' }] },
    };
    let api: ReturnType<typeof useEvidence> | undefined;
    const Host = defineComponent({
      setup() {
        api = useEvidence(() => node, okFetch() as unknown as typeof fetch);
        return () => h('div');
      },
    });
    await mountWithApollo(Host, { mocks: [expectOperation(AttachEvidenceDocument, { nodeId: 'n3', fileId: 'f1' }, refused)] });
    expect(await api!.upload(file())).toBe(false);
    expect(api!.error.value).toBe('节点已确认，不能再添加材料');
    expect(api!.uploading.value).toBe(false);
  });
});
