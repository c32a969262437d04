import type { FormItemRule } from 'element-plus';
import type { CreateLeadInput, LeadDetailFragment, ProjectSource, UpdateLeadInput } from '@/gql/graphql';
import { wanToYuan, yuanToWan } from '@/shared/format/money.js';
import { isValidUscc } from '@/shared/format/uscc.js';

/** The lead form; keys match the API input so server errors land on the right field. */
export interface LeadFormValues {
  name: string;
  investor: string;
  uscc: string;
  industryCode: string;
  chainId: string;
  source: ProjectSource | '';
  platformId: string;
  /** In 万元 while editing; sent as yuan. */
  estimatedInvestment: number | null;
  contactName: string;
  contactPhone: string;
}

export const LEAD_FIELDS = [
  'name',
  'investor',
  'uscc',
  'industryCode',
  'chainId',
  'source',
  'platformId',
  'estimatedInvestment',
  'contactName',
  'contactPhone',
] as const;

export function emptyLeadForm(): LeadFormValues {
  return {
    name: '',
    investor: '',
    uscc: '',
    industryCode: '',
    chainId: '',
    source: '',
    platformId: '',
    estimatedInvestment: null,
    contactName: '',
    contactPhone: '',
  };
}

export function leadFormFrom(lead: LeadDetailFragment): LeadFormValues {
  return {
    name: lead.name,
    investor: lead.investor,
    uscc: lead.uscc ?? '',
    industryCode: lead.industryCode ?? '',
    chainId: lead.chain?.id ?? '',
    source: lead.source,
    platformId: lead.platform?.id ?? '',
    estimatedInvestment: yuanToWan(lead.estimatedInvestment),
    contactName: lead.contactName ?? '',
    contactPhone: lead.contactPhone ?? '',
  };
}

const optional = (s: string) => (s.trim() === '' ? null : s.trim());

export function toCreateLeadInput(v: LeadFormValues): CreateLeadInput {
  if (!v.source) throw new Error('source is required');
  return {
    name: v.name.trim(),
    investor: v.investor.trim(),
    uscc: optional(v.uscc)?.toUpperCase() ?? null,
    industryCode: optional(v.industryCode)?.toUpperCase() ?? null,
    chainId: optional(v.chainId),
    source: v.source,
    platformId: optional(v.platformId),
    estimatedInvestment: wanToYuan(v.estimatedInvestment),
    contactName: optional(v.contactName),
    contactPhone: optional(v.contactPhone),
  };
}

export function toUpdateLeadInput(id: string, version: number, v: LeadFormValues): UpdateLeadInput {
  return { id, version, ...toCreateLeadInput(v) };
}

export const usccRule: FormItemRule = {
  trigger: 'blur',
  validator: (_rule, value: string, callback) => {
    if (value && !isValidUscc(value)) callback(new Error('统一社会信用代码格式或校验位不正确'));
    else callback();
  },
};

export const industryCodeRule: FormItemRule = {
  trigger: 'blur',
  pattern: /^[A-Ta-t]?\d{2,4}$/,
  message: '请填写国民经济行业代码，如 C3985 或 3985',
};

export const leadRules: Partial<Record<keyof LeadFormValues, FormItemRule[]>> = {
  name: [{ required: true, message: '请填写项目名称', trigger: 'blur' }],
  investor: [{ required: true, message: '请填写投资方', trigger: 'blur' }],
  source: [{ required: true, message: '请选择项目来源', trigger: 'change' }],
  uscc: [usccRule],
  industryCode: [industryCodeRule],
  estimatedInvestment: [{ type: 'number', min: 0, message: '金额不能为负数', trigger: 'blur' }],
};
