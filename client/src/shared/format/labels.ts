/**
 * Chinese names of the API's enums. Typed as complete records so a value added to the
 * schema fails type-checking here until it has a name.
 */
import type {
  DuplicateStatus,
  FollowUpKind,
  LeadStatus,
  Light,
  NodeStatus,
  PlatformKind,
  ProjectSource,
  ReplanStatus,
  Role,
  Stage,
  Tier,
  UnitKind,
} from '@/gql/graphql';

export const ROLE_LABELS: Record<Role, string> = {
  PROMOTION: '招商人员',
  UNIT: '责任单位人员',
  OWNER: '项目业主',
  LEADER: '领导',
  ADMIN: '管理员',
};

export const LEAD_STATUS_LABELS: Record<LeadStatus, string> = {
  NEW: '线索',
  NEGOTIATING: '洽谈中',
  SIGNED: '已签约',
  DROPPED: '流失',
};

export const FOLLOW_UP_KIND_LABELS: Record<FollowUpKind, string> = {
  PHONE: '电话',
  VISIT: '走访',
  RECEPTION: '来访',
  MEETING: '洽谈会',
};

export const SOURCE_LABELS: Record<ProjectSource, string> = {
  NEW_INVESTMENT: '新引进',
  LISTED_COMPANY: '上市公司募投',
  MERGER: '并购',
  YANGTZE_DELTA: '长三角合作',
  CHAIN_LEADER: '链主配套',
  FOREIGN: '外资',
  LOCAL_EXPANSION: '本地增资扩产',
};

export const STAGE_LABELS: Record<Stage, string> = {
  LEAD: '线索',
  NEGOTIATING: '洽谈',
  SIGNED: '签约',
  LANDED: '落地',
  UNDER_CONSTRUCTION: '在建',
  COMPLETED: '竣工验收',
  IN_PRODUCTION: '投产',
  AT_CAPACITY: '达产',
  REVIEWED: '达产复核',
  DROPPED: '流失',
  TERMINATED: '终止',
};

export const TIER_LABELS: Record<Tier, string> = {
  OVER_100M: '亿元以上',
  OVER_1B: '10亿元以上',
  OVER_5B: '50亿元以上',
  FOREIGN_100M_USD: '重大外资',
};

export const LIGHT_LABELS: Record<Light, string> = {
  GREEN: '绿灯',
  YELLOW: '黄灯',
  RED: '红灯',
};

/** Colours shared by the light dots, the map pins and the charts. */
export const LIGHT_COLORS: Record<Light, string> = {
  GREEN: '#2e9e44',
  YELLOW: '#e6a23c',
  RED: '#e53935',
};

export const NODE_STATUS_LABELS: Record<NodeStatus, string> = {
  PENDING: '未开始',
  IN_PROGRESS: '进行中',
  DONE: '已完成',
  SKIPPED: '不适用',
};

export const REPLAN_STATUS_LABELS: Record<ReplanStatus, string> = {
  PENDING: '待审批',
  APPROVED: '已同意',
  REJECTED: '已驳回',
};

export const DUPLICATE_STATUS_LABELS: Record<DuplicateStatus, string> = {
  SUSPECTED: '疑似重复签约',
  CONFIRMED: '确认重复签约',
  DISMISSED: '已排除重复',
};

export const PLATFORM_KIND_LABELS: Record<PlatformKind, string> = {
  ZONE: '经济开发区',
  STREET: '街道乡镇',
};

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  DEPARTMENT: '部门',
  PLATFORM: '平台',
};

/** Options for a select, in the record's order. */
export function optionsOf<K extends string>(labels: Record<K, string>): { value: K; label: string }[] {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
}
