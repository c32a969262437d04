/**
 * Node templates: the milestones a project gets at signing, as versioned data.
 *
 * Each template carries every gate stage exactly once (so a stage means the same in all
 * templates) and exactly one landing gate (the node whose gate is LANDED; it differs by
 * template: LAND, FILING or LEASE). Planned date = signing date + offset; the service copies it
 * to the baseline when the baseline is frozen.
 *
 * The constants below are the shipped defaults (version 1); ADMIN edits create new versions in
 * the database, which validateTemplate checks, and a project keeps the version it was created
 * from.
 *
 * API: NodeTemplate, TemplateNode, GATE_NODE_CODES, DEFAULT_TEMPLATES, validateTemplate,
 * landingGateOf, planNodes.
 */
import { addDays, isValidCalendarDate, type CalendarDate } from './dates.js';
import { toValidation, type DomainError, type Validation } from './errors.js';
import { GATE_STAGES, STAGE_LABELS, type GateStage } from './lifecycle.js';

/** A named unit (department), or the project's platform (园区/街道) resolved at signing. */
export type DefaultUnit = { kind: 'UNIT'; name: string } | { kind: 'PLATFORM' };

export interface TemplateNode {
  code: string;
  name: string;
  gate: GateStage | null;
  offsetDays: number;
  defaultUnit: DefaultUnit;
  isLandingGate: boolean;
}

export interface NodeTemplate {
  code: string;
  name: string;
  version: number;
  nodes: TemplateNode[];
}

const unit = (name: string): DefaultUnit => ({ kind: 'UNIT', name });
const PLATFORM: DefaultUnit = { kind: 'PLATFORM' };

function node(code: string, name: string, gate: GateStage | null, offsetDays: number, defaultUnit: DefaultUnit): TemplateNode {
  return { code, name, gate, offsetDays, defaultUnit, isLandingGate: gate === 'LANDED' };
}

export const STANDARD_LAND_TEMPLATE: NodeTemplate = {
  code: 'STANDARD_LAND',
  name: '标准地新建',
  version: 1,
  nodes: [
    node('SIGN', '签约', 'SIGNED', 0, unit('区投资促进中心')),
    node('REGISTER', '公司注册', null, 30, unit('区市场监管局')),
    node('FILING', '立项备案(赋码)', null, 45, unit('区发改局')),
    node('LAND', '土地摘牌(供地)', 'LANDED', 90, unit('区自然资源和规划分局')),
    node('APPROVALS', '环评/能评批复', null, 120, unit('区生态环境分局')),
    node('PERMIT', '施工许可', null, 150, unit('区住建局')),
    node('START', '开工', 'UNDER_CONSTRUCTION', 180, PLATFORM),
    node('TOPPING', '主体结顶', null, 360, PLATFORM),
    node('ACCEPT', '竣工验收', 'COMPLETED', 540, unit('区住建局')),
    node('PRODUCE', '投产', 'IN_PRODUCTION', 600, unit('区经信局')),
    node('CAPACITY', '达产', 'AT_CAPACITY', 1330, unit('区经信局')),
    node('REVIEW', '达产复核', 'REVIEWED', 1420, unit('区经信局')),
  ],
};

/** Units follow the standard template's node of the same code. */
export const EXPANSION_TEMPLATE: NodeTemplate = {
  code: 'EXPANSION',
  name: '增资扩产(不新增用地)',
  version: 1,
  nodes: [
    node('SIGN', '签约', 'SIGNED', 0, unit('区投资促进中心')),
    node('FILING', '立项备案(赋码)', 'LANDED', 30, unit('区发改局')),
    node('APPROVALS', '环评/能评批复', null, 60, unit('区生态环境分局')),
    node('PERMIT', '施工许可', null, 90, unit('区住建局')),
    node('START', '开工', 'UNDER_CONSTRUCTION', 120, PLATFORM),
    node('ACCEPT', '竣工验收', 'COMPLETED', 360, unit('区住建局')),
    node('PRODUCE', '投产', 'IN_PRODUCTION', 420, unit('区经信局')),
    node('CAPACITY', '达产', 'AT_CAPACITY', 1000, unit('区经信局')),
    node('REVIEW', '达产复核', 'REVIEWED', 1090, unit('区经信局')),
  ],
};

/** The lease is arranged with the platform that owns or manages the factory space. */
export const LEASED_FACTORY_TEMPLATE: NodeTemplate = {
  code: 'LEASED_FACTORY',
  name: '租赁厂房',
  version: 1,
  nodes: [
    node('SIGN', '签约', 'SIGNED', 0, unit('区投资促进中心')),
    node('REGISTER', '公司注册', null, 30, unit('区市场监管局')),
    node('LEASE', '厂房租赁签约', 'LANDED', 45, PLATFORM),
    node('FILING', '立项备案(赋码)', null, 60, unit('区发改局')),
    node('APPROVALS', '环评/能评批复', null, 90, unit('区生态环境分局')),
    node('START', '装修开工', 'UNDER_CONSTRUCTION', 120, PLATFORM),
    node('ACCEPT', '竣工验收', 'COMPLETED', 240, unit('区住建局')),
    node('PRODUCE', '投产', 'IN_PRODUCTION', 270, unit('区经信局')),
    node('CAPACITY', '达产', 'AT_CAPACITY', 730, unit('区经信局')),
    node('REVIEW', '达产复核', 'REVIEWED', 820, unit('区经信局')),
  ],
};

/**
 * Every gate but LANDED has the same node code in every template, so metrics and reports can
 * name them (开工率 reads START); the landing gate's code varies and is looked up per template.
 */
export const GATE_NODE_CODES: Readonly<Record<Exclude<GateStage, 'LANDED'>, string>> = {
  SIGNED: 'SIGN',
  UNDER_CONSTRUCTION: 'START',
  COMPLETED: 'ACCEPT',
  IN_PRODUCTION: 'PRODUCE',
  AT_CAPACITY: 'CAPACITY',
  REVIEWED: 'REVIEW',
};

export const DEFAULT_TEMPLATES: readonly NodeTemplate[] = [STANDARD_LAND_TEMPLATE, EXPANSION_TEMPLATE, LEASED_FACTORY_TEMPLATE];

export type TemplateErrorCode =
  | 'TEMPLATE_CODE_INVALID'
  | 'TEMPLATE_NAME_REQUIRED'
  | 'TEMPLATE_VERSION_INVALID'
  | 'TEMPLATE_EMPTY'
  | 'TEMPLATE_NODE_CODE_INVALID'
  | 'TEMPLATE_NODE_CODE_DUPLICATE'
  | 'TEMPLATE_NODE_NAME_REQUIRED'
  | 'TEMPLATE_NODE_OFFSET_INVALID'
  | 'TEMPLATE_NODE_UNIT_REQUIRED'
  | 'TEMPLATE_GATE_MISSING'
  | 'TEMPLATE_GATE_DUPLICATE'
  | 'TEMPLATE_GATE_ORDER'
  | 'TEMPLATE_GATE_CODE'
  | 'TEMPLATE_SIGN_OFFSET'
  | 'TEMPLATE_LANDING_GATE_COUNT'
  | 'TEMPLATE_LANDING_GATE_MISMATCH';

const NODE_CODE = /^[A-Z][A-Z0-9_]{0,31}$/;

/** Checks a template as ADMIN saves it; reports every problem. */
export function validateTemplate(template: NodeTemplate): Validation<TemplateErrorCode> {
  const errors: DomainError<TemplateErrorCode>[] = [];
  const push = (code: TemplateErrorCode, message: string, field?: string) =>
    errors.push(field === undefined ? { code, message } : { code, message, field });

  if (!NODE_CODE.test(template.code)) push('TEMPLATE_CODE_INVALID', '模板编码须为大写字母、数字或下划线', 'code');
  if (template.name.trim() === '') push('TEMPLATE_NAME_REQUIRED', '请填写模板名称', 'name');
  if (!Number.isInteger(template.version) || template.version < 1) push('TEMPLATE_VERSION_INVALID', '模板版本号须为正整数', 'version');
  if (template.nodes.length === 0) {
    push('TEMPLATE_EMPTY', '模板至少须包含一个节点', 'nodes');
    return toValidation(errors);
  }

  const seen = new Set<string>();
  template.nodes.forEach((n, i) => {
    const field = `nodes.${i}`;
    if (!NODE_CODE.test(n.code)) push('TEMPLATE_NODE_CODE_INVALID', `第${i + 1}个节点的编码须为大写字母、数字或下划线`, `${field}.code`);
    else if (seen.has(n.code)) push('TEMPLATE_NODE_CODE_DUPLICATE', `节点编码“${n.code}”重复`, `${field}.code`);
    seen.add(n.code);
    if (n.name.trim() === '') push('TEMPLATE_NODE_NAME_REQUIRED', `请填写节点“${n.code}”的名称`, `${field}.name`);
    if (!Number.isInteger(n.offsetDays) || n.offsetDays < 0) {
      push('TEMPLATE_NODE_OFFSET_INVALID', `节点“${n.code}”的计划天数须为非负整数`, `${field}.offsetDays`);
    }
    if (n.defaultUnit.kind === 'UNIT' && n.defaultUnit.name.trim() === '') {
      push('TEMPLATE_NODE_UNIT_REQUIRED', `请填写节点“${n.code}”的默认责任单位`, `${field}.defaultUnit`);
    }
  });

  const gates = template.nodes.filter((n) => n.gate !== null);
  for (const stage of GATE_STAGES) {
    const count = gates.filter((n) => n.gate === stage).length;
    if (count === 0) push('TEMPLATE_GATE_MISSING', `模板缺少“${STAGE_LABELS[stage]}”阶段节点`, 'nodes');
    if (count > 1) push('TEMPLATE_GATE_DUPLICATE', `“${STAGE_LABELS[stage]}”阶段节点只能有一个`, 'nodes');
  }
  for (const g of gates) {
    const expected = g.gate === 'LANDED' ? null : GATE_NODE_CODES[g.gate!];
    if (expected !== null && g.code !== expected) {
      push('TEMPLATE_GATE_CODE', `“${STAGE_LABELS[g.gate!]}”阶段节点的编码须为${expected}`, 'nodes');
    }
  }
  // Gates must appear in lifecycle order with non-decreasing offsets, or "furthest gate" lies.
  for (let i = 1; i < gates.length; i++) {
    const prev = gates[i - 1];
    const cur = gates[i];
    if (GATE_STAGES.indexOf(cur.gate!) < GATE_STAGES.indexOf(prev.gate!)) {
      push('TEMPLATE_GATE_ORDER', `阶段节点“${cur.code}”应排在“${prev.code}”之前（阶段顺序）`, 'nodes');
    } else if (cur.offsetDays < prev.offsetDays) {
      push('TEMPLATE_GATE_ORDER', `阶段节点“${cur.code}”的计划天数不能早于“${prev.code}”`, 'nodes');
    }
  }
  const sign = gates.find((n) => n.gate === 'SIGNED');
  if (sign && sign.offsetDays !== 0) push('TEMPLATE_SIGN_OFFSET', '签约节点的计划天数须为0', 'nodes');

  const landing = template.nodes.filter((n) => n.isLandingGate);
  if (landing.length !== 1) push('TEMPLATE_LANDING_GATE_COUNT', '模板须指定且只能指定一个落地节点', 'nodes');
  else if (landing[0].gate !== 'LANDED') {
    push('TEMPLATE_LANDING_GATE_MISMATCH', `落地节点“${landing[0].code}”须为“落地”阶段节点`, 'nodes');
  }
  return toValidation(errors);
}

/** The landing gate's node code (LAND, FILING, LEASE …); throws for an invalid template. */
export function landingGateOf(template: NodeTemplate): string {
  const landing = template.nodes.filter((n) => n.isLandingGate);
  if (landing.length !== 1) throw new RangeError(`Template ${template.code} v${template.version} has ${landing.length} landing gates`);
  return landing[0].code;
}

export interface NodePlan {
  code: string;
  name: string;
  gate: GateStage | null;
  isLandingGate: boolean;
  defaultUnit: DefaultUnit;
  /** Position in the template, for display order. */
  order: number;
  plannedDate: CalendarDate;
}

/** The nodes a project gets when signed on `signDate`: planned = signDate + offset. */
export function planNodes(template: NodeTemplate, signDate: CalendarDate): NodePlan[] {
  if (!isValidCalendarDate(signDate)) throw new RangeError(`Not a calendar date: ${signDate}`);
  const check = validateTemplate(template);
  if (!check.ok) throw new RangeError(`Invalid template ${template.code}: ${check.errors.map((e) => e.code).join(', ')}`);
  return template.nodes.map((n, order) => ({
    code: n.code,
    name: n.name,
    gate: n.gate,
    isLandingGate: n.isLandingGate,
    defaultUnit: n.defaultUnit,
    order,
    plannedDate: addDays(signDate, n.offsetDays),
  }));
}
