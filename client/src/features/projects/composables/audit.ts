import { ProjectHistoryDocument } from '@/gql/graphql';
import { useCursorList } from '@/shared/apollo/useCursorList.js';

export interface AuditChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

const FIELD_LABELS: Record<string, string> = {
  name: '名称',
  investor: '投资方',
  uscc: '信用代码',
  industryCode: '行业代码',
  chainId: '产业链',
  source: '来源',
  platformId: '平台',
  totalInvestment: '总投资',
  foreignInvestment: '外资',
  landArea: '用地面积',
  site: '地址',
  description: '简介',
  leadUnitId: '牵头单位',
  liaisonLeaderId: '包联领导',
  ownerUserIds: '业主账号',
  responsiblePeople: '责任人',
  internalNotes: '内部备注',
  status: '状态',
  plannedDate: '计划日期',
  baselineDate: '基线日期',
  actualDate: '实际日期',
  unitId: '责任单位',
  person: '责任人',
  skipReason: '不适用原因',
  notes: '说明',
  internalNote: '内部备注',
  evidence: '佐证材料',
  baselineFrozen: '基线冻结',
  terminated: '终止',
  terminationReason: '终止原因',
  confirmedAt: '确认时间',
  pendingReport: '待确认报告',
};

function parse(json: string | null | undefined): Record<string, unknown> {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { 值: value };
  } catch {
    return { 值: json };
  }
}

function show(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return value === true ? '是' : value === false ? '否' : String(value);
  return JSON.stringify(value);
}

/** The fields an audit entry changed, before → after, in a stable order. */
export function auditChanges(before: string | null | undefined, after: string | null | undefined): AuditChange[] {
  const b = parse(before);
  const a = parse(after);
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  return fields
    .filter((f) => JSON.stringify(b[f]) !== JSON.stringify(a[f]))
    .map((field) => ({ field, label: FIELD_LABELS[field] ?? field, before: show(b[field]), after: show(a[field]) }));
}

export function useProjectHistory(projectId: () => string) {
  return useCursorList(
    ProjectHistoryDocument,
    () => ({ id: projectId(), first: 30 }),
    (data) => data.project?.history,
  );
}
