/**
 * Chinese names of the API's enums. Typed as complete records so a value added to the
 * schema fails type-checking here until it has a name.
 */
import type {
  AgreementFlag,
  DuplicateStatus,
  FollowUpKind,
  LeadStatus,
  Light,
  MetricIndicator,
  NodeStatus,
  NotificationKind,
  PlatformKind,
  ProblemAction,
  ProblemCategory,
  ProblemColour,
  ProblemStatus,
  ProjectSource,
  RaceScopeKind,
  ReplanStatus,
  Role,
  Stage,
  TargetScopeKind,
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

export const PROBLEM_STATUS_LABELS: Record<ProblemStatus, string> = {
  OPEN: '待签收',
  ACCEPTED: '已签收',
  RESPONDED: '已答复',
  RESOLVED: '已销号',
  ESCALATED: '已升级',
};

export const PROBLEM_CATEGORY_LABELS: Record<ProblemCategory, string> = {
  LAND: '用地',
  APPROVAL: '审批',
  FUNDING: '资金',
  UTILITIES: '水电气要素',
  TALENT: '人才',
  POLICY: '政策',
  OTHER: '其他',
};

export const PROBLEM_COLOUR_LABELS: Record<ProblemColour, string> = {
  BLUE: '蓝色（期限内）',
  YELLOW: '黄色（逾期）',
  RED: '红色（严重逾期或升级）',
};

export const PROBLEM_COLOURS: Record<ProblemColour, string> = {
  BLUE: '#409eff',
  YELLOW: '#e6a23c',
  RED: '#e53935',
};

export const PROBLEM_ACTION_LABELS: Record<ProblemAction, string> = {
  RAISE: '提出问题',
  ACCEPT: '签收',
  RESPOND: '答复',
  RESOLVE: '销号',
  SEND_BACK: '退回重办',
  ESCALATE: '升级',
  ASSIGN: '调整交办',
  ATTACH_EVIDENCE: '上传佐证',
  REMOVE_EVIDENCE: '删除佐证',
  INSTRUCTION: '领导批示',
};

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  INSTRUCTION: '领导批示',
  PROBLEM_RAISED: '新督办问题',
  PROBLEM_ACCEPTED: '问题已签收',
  PROBLEM_RESPONDED: '问题已答复',
  PROBLEM_RESOLVED: '问题已销号',
  PROBLEM_SENT_BACK: '问题被退回',
  PROBLEM_ESCALATED: '问题已升级',
  PROBLEM_ASSIGNED: '问题调整交办',
  DAILY_REMINDER: '每日提醒',
  WEEKLY_DIGEST: '每周简报',
};

export const AGREEMENT_FLAG_LABELS: Record<AgreementFlag, string> = {
  REVIEW_DUE_SOON: '即将复核',
  REVIEW_OVERDUE: '复核逾期',
  IN_BREACH: '违约',
};

export const RACE_SCOPE_KIND_LABELS: Record<RaceScopeKind, string> = {
  PLATFORM: '平台/园区',
  UNIT: '责任单位',
};

export const TARGET_SCOPE_LABELS: Record<TargetScopeKind, string> = {
  DISTRICT: '全区',
  PLATFORM: '平台',
  UNIT: '责任单位',
};

export const METRIC_INDICATOR_LABELS: Record<MetricIndicator, string> = {
  LANDING_RATE: '当年落地率',
  LANDING_RATE_TWO_YEARS: '两年落地率',
  LANDING_RATE_YTD: '年内落地率',
  START_RATE: '当年开工率',
  START_RATE_TWO_YEARS: '两年开工率',
  START_RATE_YTD: '年内开工率',
  PRODUCTION_RATE: '当年投产率',
  PRODUCTION_RATE_TWO_YEARS: '两年投产率',
  PRODUCTION_RATE_YTD: '年内投产率',
  CAPACITY_RATE: '当年达产率',
  CAPACITY_RATE_TWO_YEARS: '两年达产率',
  CAPACITY_RATE_YTD: '年内达产率',
  MANUFACTURING_SHARE: '制造业占比',
  SIGNED_OVER_100M: '亿元以上项目签约',
  SIGNED_OVER_100M_WITH_CHAIN: '亿元以上产业链项目',
  SIGNED_OVER_1B: '10亿元以上项目签约',
  SIGNED_OVER_1B_MANUFACTURING: '10亿元以上制造业项目',
  SIGNED_OVER_5B: '50亿元以上项目签约',
  OVER_5B_UNDER_CONTROL: '50亿元以上挂图作战',
  SIGNED_FOREIGN_100M_USD: '重大外资项目',
  SIGNED_FOREIGN_100M_USD_MANUFACTURING: '重大外资制造业项目',
  FUNDING_RATE: '资金到位率',
};
