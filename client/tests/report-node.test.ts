import { describe, expect, it, vi } from 'vitest';
import { ReportNodeDocument, type ReportNodeMutation } from '@/gql/graphql';
import NodeList from '@/features/projects/components/NodeList.vue';
import { expectOperation } from './support/apollo.js';
import { can, nodeItem } from './support/factories.js';
import { mountWithApollo, settle } from './support/mount.js';

const node = nodeItem({ id: 'n7', version: 4, status: 'PENDING', viewerCan: can({ report: true }) });

function reportPayload(errors: ReportNodeMutation['reportNode']['errors'], status = node.status): ReportNodeMutation {
  return {
    __typename: 'Mutation',
    reportNode: {
      __typename: 'NodePayload',
      node: errors.length
        ? null
        : {
            ...node,
            status,
            project: { __typename: 'Project', id: 'p1', stage: 'SIGNED', light: 'GREEN', overdueNodeCount: 0, updatedAt: '2024-05-02T00:00:00Z', version: 9 },
          },
      errors,
    },
  };
}

async function openReport(mocks: NonNullable<Parameters<typeof mountWithApollo>[1]>['mocks']) {
  const mounted = await mountWithApollo(NodeList, { props: { nodes: [node], baselineFrozen: true }, mocks });
  await mounted.wrapper.find('[data-action="report"]').trigger('click');
  // The dialog is an async component: wait for its chunk to load.
  const dialog = await vi.waitFor(
    () => {
      const found = document.body.querySelector('.el-dialog');
      if (!found?.querySelector('[data-test="report-submit"]')) throw new Error('report dialog did not open');
      return found;
    },
    { timeout: 15_000, interval: 50 },
  );
  return { ...mounted, dialog };
}

async function typeNote(dialog: Element, text: string) {
  const note = dialog.querySelector('textarea') as HTMLTextAreaElement;
  note.value = text;
  note.dispatchEvent(new Event('input'));
  await settle();
}

async function submit(dialog: Element) {
  (dialog.querySelector('[data-test="report-submit"]') as HTMLButtonElement).click();
  await settle(8);
}

const variables = { input: { nodeId: 'n7', version: 4, status: 'IN_PROGRESS' as const, actualDate: null, note: '已完成挂牌公告', skipReason: null } };

describe('reporting a node', () => {
  it('sends the report with the node version and closes on success', async () => {
    const { dialog } = await openReport([expectOperation(ReportNodeDocument, variables, reportPayload([], 'IN_PROGRESS'))]);
    await typeNote(dialog, '已完成挂牌公告');
    await submit(dialog);
    expect(document.body.querySelector('.el-message--success')?.textContent).toContain('进度已提交');
  });

  it('puts a server error for input.note under the 进展说明 field', async () => {
    const errors = [{ __typename: 'UserError' as const, code: 'VALIDATION' as const, field: 'input.note', message: '说明不能包含联系方式' }];
    const { dialog } = await openReport([expectOperation(ReportNodeDocument, variables, reportPayload(errors))]);
    await typeNote(dialog, '已完成挂牌公告');
    await submit(dialog);
    const noteItem = [...dialog.querySelectorAll('.el-form-item')].find((i) => i.textContent?.includes('进展说明'));
    // Element Plus shows a field error after a 100 ms debounce.
    await vi.waitFor(() => expect(noteItem?.querySelector('.el-form-item__error')?.textContent).toContain('说明不能包含联系方式'));
    expect(document.body.querySelector('.el-message--success')).toBeNull();
  });
});
