import type { FormItemRule } from 'element-plus';
import type { CreateProjectInput, LeadDetailFragment, ProjectSource } from '@/gql/graphql';
import { wanToYuan, yuanToWan } from '@/shared/format/money.js';
import { industryCodeRule, usccRule } from '@/features/leads/composables/leadForm.js';

/**
 * The project form used for 签约 (signLead) and 新建项目 (createProject). Keys follow
 * CreateProjectInput so server errors (`input.project.totalInvestment`) land on fields.
 */
export interface ProjectFormValues {
  code: string;
  name: string;
  investor: string;
  uscc: string;
  industryCode: string;
  chainId: string;
  source: ProjectSource | '';
  platformId: string;
  /** 万元 while editing. */
  totalInvestment: number | null;
  hasForeign: boolean;
  /** amount in 万 units of the currency while editing. */
  /** usdCnyRate: CNY per US dollar at signing, asked for a currency other than USD (the US$100m tier). */
  foreignInvestment: { currency: string; amount: number | null; cnyRate: number | null; usdCnyRate: number | null };
  landArea: number | null;
  site: { address: string; lng: number | null; lat: number | null };
  description: string;
  templateKey: string;
  signedOn: string;
  leadUnitId: string;
  liaisonLeaderId: string;
  responsiblePeople: { name: string; title: string; phone: string }[];
  internalNotes: string;
}

export const PROJECT_FIELDS = [
  'code',
  'name',
  'investor',
  'uscc',
  'industryCode',
  'chainId',
  'source',
  'platformId',
  'totalInvestment',
  'foreignInvestment',
  'foreignInvestment.currency',
  'foreignInvestment.amount',
  'foreignInvestment.cnyRate',
  'foreignInvestment.usdCnyRate',
  'landArea',
  'site',
  'site.address',
  'site.lng',
  'site.lat',
  'description',
  'templateKey',
  'signedOn',
  'leadUnitId',
  'liaisonLeaderId',
  'responsiblePeople',
  'internalNotes',
] as const;

/** 50亿元 in 万元: from here a project is on the battle map and needs a leader and a lead unit. */
export const BATTLE_THRESHOLD_WAN = 500_000;

export function emptyProjectForm(today: string): ProjectFormValues {
  return {
    code: '',
    name: '',
    investor: '',
    uscc: '',
    industryCode: '',
    chainId: '',
    source: '',
    platformId: '',
    totalInvestment: null,
    hasForeign: false,
    foreignInvestment: { currency: 'USD', amount: null, cnyRate: null, usdCnyRate: null },
    landArea: null,
    site: { address: '', lng: null, lat: null },
    description: '',
    templateKey: '',
    signedOn: today,
    leadUnitId: '',
    liaisonLeaderId: '',
    responsiblePeople: [],
    internalNotes: '',
  };
}

/** A 签约 form pre-filled from the lead being signed. */
export function projectFormFromLead(lead: LeadDetailFragment, today: string): ProjectFormValues {
  return {
    ...emptyProjectForm(today),
    name: lead.name,
    investor: lead.investor,
    uscc: lead.uscc ?? '',
    industryCode: lead.industryCode ?? '',
    chainId: lead.chain?.id ?? '',
    source: lead.source,
    platformId: lead.platform?.id ?? '',
    totalInvestment: yuanToWan(lead.estimatedInvestment),
  };
}

const optional = (s: string) => (s.trim() === '' ? null : s.trim());
/** A US dollar amount needs no separate dollar rate (the form asks for one otherwise). */
export const isUsd = (currency: string) => currency.trim().toUpperCase() === 'USD';

/** The foreign part of the input: a US dollar amount needs no separate dollar rate, so none is sent. */
function foreignInput(currency: string, amount: number, cnyRate: number, usdCnyRate: number | null): NonNullable<CreateProjectInput['foreignInvestment']> {
  return isUsd(currency) ? { currency, amount, cnyRate } : { currency, amount, cnyRate, usdCnyRate };
}

export function toCreateProjectInput(v: ProjectFormValues): CreateProjectInput {
  const total = wanToYuan(v.totalInvestment);
  if (!v.source || total === null) throw new Error('source and totalInvestment are required');
  const foreignAmount = wanToYuan(v.foreignInvestment.amount);
  const hasSite = v.site.address.trim() !== '' || v.site.lng !== null || v.site.lat !== null;
  const people = v.responsiblePeople
    .filter((p) => p.name.trim() !== '')
    .map((p) => ({ name: p.name.trim(), title: optional(p.title), phone: optional(p.phone) }));
  return {
    code: optional(v.code),
    name: v.name.trim(),
    investor: v.investor.trim(),
    uscc: optional(v.uscc)?.toUpperCase() ?? null,
    industryCode: v.industryCode.trim().toUpperCase(),
    chainId: optional(v.chainId),
    source: v.source,
    platformId: v.platformId,
    totalInvestment: total,
    foreignInvestment:
      v.hasForeign && foreignAmount !== null && v.foreignInvestment.cnyRate !== null
        ? foreignInput(v.foreignInvestment.currency.trim().toUpperCase(), foreignAmount, v.foreignInvestment.cnyRate, v.foreignInvestment.usdCnyRate)
        : null,
    landArea: v.landArea,
    site: hasSite ? { address: optional(v.site.address), lng: v.site.lng, lat: v.site.lat } : null,
    description: optional(v.description),
    templateKey: v.templateKey,
    signedOn: v.signedOn,
    leadUnitId: optional(v.leadUnitId),
    liaisonLeaderId: optional(v.liaisonLeaderId),
    responsiblePeople: people.length > 0 ? people : null,
    internalNotes: optional(v.internalNotes),
  };
}

/** Inline rules; the battle-map requirement reads the amount being typed. */
export function projectRules(values: ProjectFormValues): Record<string, FormItemRule[]> {
  const requiredForBattle = (label: string): FormItemRule => ({
    trigger: 'change',
    validator: (_r, value: string, callback) => {
      if (!value && (values.totalInvestment ?? 0) >= BATTLE_THRESHOLD_WAN) {
        callback(new Error(`总投资50亿元以上的项目须指定${label}`));
      } else callback();
    },
  });
  const foreignRequired = (message: string): FormItemRule => ({
    trigger: 'blur',
    validator: (_r, value: unknown, callback) => {
      if (values.hasForeign && (value === null || value === '' || value === undefined)) callback(new Error(message));
      else callback();
    },
  });
  return {
    name: [{ required: true, message: '请填写项目名称', trigger: 'blur' }],
    investor: [{ required: true, message: '请填写投资方', trigger: 'blur' }],
    uscc: [usccRule],
    industryCode: [{ required: true, message: '请填写行业代码', trigger: 'blur' }, industryCodeRule],
    source: [{ required: true, message: '请选择项目来源', trigger: 'change' }],
    platformId: [{ required: true, message: '请选择平台', trigger: 'change' }],
    totalInvestment: [
      { required: true, message: '请填写总投资', trigger: 'blur' },
      { type: 'number', min: 0, message: '金额不能为负数', trigger: 'blur' },
    ],
    templateKey: [{ required: true, message: '请选择节点模板', trigger: 'change' }],
    signedOn: [{ required: true, message: '请选择签约日期', trigger: 'change' }],
    leadUnitId: [requiredForBattle('牵头单位')],
    liaisonLeaderId: [requiredForBattle('包联领导')],
    'foreignInvestment.amount': [foreignRequired('请填写外资金额')],
    'foreignInvestment.cnyRate': [foreignRequired('请填写签约时汇率')],
    'foreignInvestment.usdCnyRate': [
      {
        trigger: 'blur',
        validator: (_r, value: unknown, callback) => {
          if (values.hasForeign && !isUsd(values.foreignInvestment.currency) && (value === null || value === undefined)) callback(new Error('非美元外资须填写签约时美元汇率'));
          else callback();
        },
      },
    ],
    'site.lng': [{ type: 'number', min: 73, max: 136, message: '经度应在 73–136 之间', trigger: 'blur' }],
    'site.lat': [{ type: 'number', min: 3, max: 54, message: '纬度应在 3–54 之间', trigger: 'blur' }],
  };
}
