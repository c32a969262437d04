/**
 * Evidence files go up through the REST endpoint (multipart, field `file`), then the
 * returned id is attached to the node through GraphQL, so the node's audit trail records it.
 */
import { ref } from 'vue';
import { useMutation } from '@vue/apollo-composable';
import { AttachEvidenceDocument, RemoveEvidenceDocument, type NodeItemFragment } from '@/gql/graphql';
import { describeError } from '@/shared/apollo/errors.js';

export interface UploadedFile {
  id: string;
  filename: string;
  size: number;
  contentType: string;
}

/** 20 MB: scans and photos of permits fit; larger files are refused before upload. */
export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

const STATUS_MESSAGES: Record<number, string> = {
  401: '登录已失效，请重新登录',
  403: '没有权限上传此文件',
  413: '文件过大，单个文件不能超过20MB',
  415: '不支持的文件类型',
  429: '上传过于频繁，请稍后再试',
};

export class UploadError extends Error {}

export async function uploadEvidenceFile(file: File, fetchImpl: typeof fetch = fetch): Promise<UploadedFile> {
  if (file.size > MAX_EVIDENCE_BYTES) throw new UploadError(STATUS_MESSAGES[413]);
  const body = new FormData();
  body.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetchImpl('/api/evidence', {
      method: 'POST',
      body,
      credentials: 'same-origin',
      headers: { 'apollo-require-preflight': 'true' },
    });
  } catch {
    throw new UploadError('网络连接失败，文件未上传');
  }
  if (!response.ok) throw new UploadError(STATUS_MESSAGES[response.status] ?? '文件上传失败，请稍后重试');
  const uploaded = (await response.json()) as Partial<UploadedFile>;
  if (typeof uploaded.id !== 'string') throw new UploadError('文件上传失败，请稍后重试');
  return uploaded as UploadedFile;
}

export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function useEvidence(node: () => NodeItemFragment, fetchImpl?: typeof fetch) {
  const attach = useMutation(AttachEvidenceDocument);
  const remove = useMutation(RemoveEvidenceDocument);
  const uploading = ref(false);
  const error = ref<string | null>(null);

  async function run(task: () => Promise<readonly { message: string }[] | undefined>): Promise<boolean> {
    error.value = null;
    try {
      const errors = await task();
      if (!errors) throw new Error('empty payload');
      if (errors.length > 0) error.value = errors.map((e) => e.message).join('；');
      return errors.length === 0;
    } catch (e) {
      error.value = e instanceof UploadError ? e.message : describeError(e);
      return false;
    }
  }

  async function upload(file: File): Promise<boolean> {
    uploading.value = true;
    try {
      return await run(async () => {
        const uploaded = await uploadEvidenceFile(file, fetchImpl);
        return (await attach.mutate({ nodeId: node().id, fileId: uploaded.id }))?.data?.attachEvidence.errors;
      });
    } finally {
      uploading.value = false;
    }
  }

  function removeFile(fileId: string): Promise<boolean> {
    return run(async () => (await remove.mutate({ nodeId: node().id, fileId }))?.data?.removeEvidence.errors);
  }

  return { upload, removeFile, uploading, removing: remove.loading, error };
}
