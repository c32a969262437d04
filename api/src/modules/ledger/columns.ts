/**
 * The 台账 layout: the columns people already keep (编号 … 包联领导, with a planned and an actual
 * date column per node), followed by the three a new project needs to be signed (行业代码, 项目来源,
 * 节点模板) and the rate its foreign investment was recorded at. Export writes exactly this
 * layout; import reads it back by header name, so columns may be reordered but not renamed.
 *
 * Each project field has one text form in the sheet (`Cells`), written by export and parsed by
 * import; a round trip therefore compares equal field by field and changes nothing.
 */
export const COL = {
  code: '编号',
  name: '项目名称',
  investor: '投资方',
  uscc: '统一社会信用代码',
  platform: '平台',
  chain: '产业链',
  totalWan: '总投资(万元)',
  foreignUsdWan: '外资(万美元)',
  signedOn: '签约日期',
  stage: '当前阶段',
  light: '红黄绿灯',
  leadUnit: '责任单位',
  liaisonLeader: '包联领导',
  industryCode: '行业代码',
  source: '项目来源',
  template: '节点模板',
  usdRate: '美元汇率(签约时)',
} as const;

export type ColumnKey = keyof typeof COL;

/** Node columns in lifecycle order: every code of the shipped templates (others are appended). */
export const NODE_COLUMNS: readonly { code: string; name: string }[] = [
  { code: 'SIGN', name: '签约' },
  { code: 'REGISTER', name: '公司注册' },
  { code: 'FILING', name: '立项备案(赋码)' },
  { code: 'LAND', name: '土地摘牌(供地)' },
  { code: 'LEASE', name: '厂房租赁签约' },
  { code: 'APPROVALS', name: '环评/能评批复' },
  { code: 'PERMIT', name: '施工许可' },
  { code: 'START', name: '开工' },
  { code: 'TOPPING', name: '主体结顶' },
  { code: 'ACCEPT', name: '竣工验收' },
  { code: 'PRODUCE', name: '投产' },
  { code: 'CAPACITY', name: '达产' },
  { code: 'REVIEW', name: '达产复核' },
];

export const planHeader = (name: string) => `${name}计划日期`;
export const actualHeader = (name: string) => `${name}实际日期`;

/** Columns an import requires (node and derived columns are optional and read-only). */
export const REQUIRED_COLUMNS: readonly ColumnKey[] = [
  'code',
  'name',
  'investor',
  'uscc',
  'platform',
  'chain',
  'totalWan',
  'foreignUsdWan',
  'signedOn',
  'leadUnit',
  'liaisonLeader',
  'industryCode',
  'source',
  'template',
  'usdRate',
];

/** The sheet's header row for a node column list. */
export function headerRow(nodes: readonly { name: string }[]): string[] {
  return [
    COL.code,
    COL.name,
    COL.investor,
    COL.uscc,
    COL.platform,
    COL.chain,
    COL.totalWan,
    COL.foreignUsdWan,
    COL.signedOn,
    COL.stage,
    ...nodes.flatMap((n) => [planHeader(n.name), actualHeader(n.name)]),
    COL.light,
    COL.leadUnit,
    COL.liaisonLeader,
    COL.industryCode,
    COL.source,
    COL.template,
    COL.usdRate,
  ];
}

export const LIGHT_LABELS = { GREEN: '绿', YELLOW: '黄', RED: '红' } as const;

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 10_000;
