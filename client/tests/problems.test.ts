import { describe, expect, it, vi } from 'vitest';
import {
  ProblemDocument,
  ProblemsDocument,
  ProjectProblemsDocument,
  ReferenceDataDocument,
  RespondProblemDocument,
  type ProblemsQuery,
} from '@/gql/graphql';
import ProjectProblemsTab from '@/features/problems/components/ProjectProblemsTab.vue';
import { parseProblemFilter, problemFilterToQuery, toProblemFilter } from '@/features/problems/composables/problemFilter.js';
import { allowedMoves } from '@/features/problems/composables/useProblemActions.js';
import { toRaiseProblemInput } from '@/features/problems/composables/useRaiseProblem.js';
import ProblemDetailPage from '@/pages/ProblemDetailPage.vue';
import ProblemListPage from '@/pages/ProblemListPage.vue';
import { expectOperation } from './support/apollo.js';
import { mountWithApollo, settle } from './support/mount.js';
import { problemDetail, problemRow } from './support/oversight.js';

const pageInfo = (hasNextPage: boolean, endCursor: string | null) => ({ __typename: 'PageInfo' as const, hasNextPage, endCursor });
const page = (rows: ProblemsQuery['problems']['nodes'], next: string | null, total: number): ProblemsQuery => ({
  __typename: 'Query',
  problems: { __typename: 'ProblemConnection', nodes: rows, pageInfo: pageInfo(next !== null, next), totalCount: total },
});

describe('督办 filters in the URL', () => {
  it('round-trips status, colour, unit, mine and overdue, dropping unknown values', () => {
    const values = parseProblemFilter({ status: ['OPEN', 'BOGUS'], colour: 'RED', unit: 'u1', mine: '1', overdue: '1' });
    expect(values).toEqual({ status: ['OPEN'], colour: ['RED'], unitId: 'u1', mine: true, overdue: 'yes' });
    expect(toProblemFilter(values)).toEqual({ status: ['OPEN'], colour: ['RED'], unitId: 'u1', mine: true, overdue: true });
    expect(problemFilterToQuery(values)).toEqual({ status: ['OPEN'], colour: ['RED'], unit: 'u1', mine: '1', overdue: '1' });
    expect(toProblemFilter(parseProblemFilter({ overdue: '0' }))).toEqual({ overdue: false });
    expect(toProblemFilter(parseProblemFilter({}))).toEqual({});
  });
});

describe('problem list page', () => {
  it('queries with the URL filter, shows colour dots and appends the next page', async () => {
    const filter = { colour: ['YELLOW' as const], overdue: true };
    const { wrapper } = await mountWithApollo(ProblemListPage, {
      route: '/problems?colour=YELLOW&overdue=1',
      mocks: [
        // The unit filter's options.
        expectOperation(ReferenceDataDocument, {}, { __typename: 'Query', platforms: [], units: [], industryChains: [], liaisonLeaders: [] }),
        expectOperation(ProblemsDocument, { filter, first: 20 }, page([problemRow({ colour: 'YELLOW', overdue: true, overdueDays: 5 })], 'c1', 2)),
        expectOperation(ProblemsDocument, { filter, first: 20, after: 'c1' }, page([problemRow({ id: 'pr2', title: '施工用电未接入', colour: 'RED' })], null, 2)),
      ],
    });
    await vi.waitFor(() => expect(wrapper.text()).toContain('供地指标未落实'));
    expect(wrapper.find('[data-colour="YELLOW"]').exists()).toBe(true);
    expect(wrapper.text()).toContain('逾期 5 天');
    await wrapper.find('[data-test="load-more"]').trigger('click');
    await settle(6);
    await vi.waitFor(() => expect(wrapper.text()).toContain('施工用电未接入'));
    expect(wrapper.find('[data-colour="RED"]').exists()).toBe(true);
    expect(wrapper.text()).toContain('已显示 2 / 2 条');
  });
});

describe('problem actions follow viewerCan', () => {
  it('orders the allowed moves and leaves out the rest', () => {
    expect(allowedMoves(problemDetail({ resolve: true, accept: true }).viewerCan)).toEqual(['accept', 'resolve']);
    expect(allowedMoves(problemDetail().viewerCan)).toEqual([]);
  });

  it('shows a lead unit only 签收, a raiser 销号 and 退回, nobody else any button', async () => {
    const buttons = async (can: Parameters<typeof problemDetail>[0]) => {
      const { wrapper } = await mountWithApollo(ProblemDetailPage, {
        props: { id: 'pr1' },
        mocks: [expectOperation(ProblemDocument, { id: 'pr1' }, { __typename: 'Query', problem: problemDetail(can) })],
      });
      await vi.waitFor(() => expect(wrapper.text()).toContain('土地指标尚未下达'));
      return wrapper.findAll('[data-move]').map((b) => b.attributes('data-move'));
    };
    expect(await buttons({ accept: true })).toEqual(['accept']);
    expect(await buttons({ resolve: true, sendBack: true, assign: true })).toEqual(['resolve', 'sendBack', 'assign']);
    expect(await buttons({})).toEqual([]);
  });

  it('sends an answer with the problem version and shows the new status from the payload', async () => {
    const before = problemDetail({ respond: true }, { status: 'ACCEPTED', statusLabel: '已签收' });
    const after = problemDetail({}, { status: 'RESPONDED', statusLabel: '已答复', response: '指标已申请，预计下周下达', version: 2 });
    const { wrapper } = await mountWithApollo(ProblemDetailPage, {
      props: { id: 'pr1' },
      mocks: [
        expectOperation(ProblemDocument, { id: 'pr1' }, { __typename: 'Query', problem: before }),
        expectOperation(
          RespondProblemDocument,
          { id: 'pr1', version: 1, response: '指标已申请，预计下周下达' },
          { __typename: 'Mutation', respondProblem: { __typename: 'ProblemPayload', problem: after, errors: [] } },
        ),
      ],
    });
    await vi.waitFor(() => expect(wrapper.text()).toContain('已签收'));
    await wrapper.find('[data-move="respond"]').trigger('click');
    const textarea = await vi.waitFor(() => {
      const found = document.body.querySelector<HTMLTextAreaElement>('.el-dialog textarea');
      if (!found) throw new Error('answer dialog did not open');
      return found;
    });
    textarea!.value = '指标已申请，预计下周下达';
    textarea!.dispatchEvent(new Event('input'));
    await settle();
    document.body.querySelector<HTMLButtonElement>('[data-test="move-submit"]')!.click();
    await vi.waitFor(() => expect(wrapper.text()).toContain('已答复'));
    expect(wrapper.text()).toContain('指标已申请，预计下周下达');
    expect(wrapper.findAll('[data-move]')).toHaveLength(0);
  });
});

describe('raising a problem on a project', () => {
  it('sends blanks as absent so the API defaults the lead unit', () => {
    const base = { category: 'LAND' as const, title: ' 供地 ', description: ' 描述 ', leadUnitId: '', coUnitIds: [], deadline: '2024-07-01', internalNote: ' ' };
    expect(toRaiseProblemInput('p1', base)).toEqual({ projectId: 'p1', category: 'LAND', title: '供地', description: '描述', deadline: '2024-07-01' });
    expect(toRaiseProblemInput('p1', { ...base, leadUnitId: 'u2', coUnitIds: ['u3'], internalNote: '内部' })).toMatchObject({
      leadUnitId: 'u2',
      coUnitIds: ['u3'],
      internalNote: '内部',
    });
  });

  it('lists the project’s problems and shows the raise button only when allowed', async () => {
    const data = { __typename: 'Query' as const, project: { __typename: 'Project' as const, id: 'p1', openProblemCount: 1, problems: [problemRow()] } };
    const mount = (canRaise: boolean) =>
      mountWithApollo(ProjectProblemsTab, { props: { projectId: 'p1', canRaise, internal: false }, mocks: [expectOperation(ProjectProblemsDocument, { id: 'p1' }, data)] });
    const allowed = (await mount(true)).wrapper;
    await vi.waitFor(() => expect(allowed.text()).toContain('供地指标未落实'));
    expect(allowed.find('[data-test="raise-open"]').exists()).toBe(true);
    const refused = (await mount(false)).wrapper;
    await vi.waitFor(() => expect(refused.text()).toContain('供地指标未落实'));
    expect(refused.find('[data-test="raise-open"]').exists()).toBe(false);
  });
});
