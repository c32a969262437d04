import { describe, expect, it } from 'vitest';
import { toCreateLeadInput, emptyLeadForm } from '@/features/leads/composables/leadForm.js';
import { emptyProjectForm, projectFormFromLead, projectRules, toCreateProjectInput } from '@/features/projects/composables/projectForm.js';
import { reportRules } from '@/features/projects/composables/useNodeReport.js';
import { auditChanges } from '@/features/projects/composables/audit.js';
import { leadDetail } from './support/factories.js';

function validate(rule: { validator?: (...args: never[]) => void }, value: unknown): string | null {
  let message: string | null = null;
  (rule.validator as (r: unknown, v: unknown, cb: (e?: Error) => void) => void)({}, value, (e) => {
    message = e ? e.message : null;
  });
  return message;
}

describe('project form', () => {
  it('pre-fills 签约 from the lead, in 万元', () => {
    const values = projectFormFromLead(leadDetail(), '2024-06-01');
    expect(values).toMatchObject({ name: '新材料项目', investor: '某新材料有限公司', chainId: 'c2', platformId: 'pf1', totalInvestment: 125_000, signedOn: '2024-06-01' });
  });

  it('sends yuan, upper-cases codes and leaves empty optional fields null', () => {
    const values = { ...emptyProjectForm('2024-06-01'), name: ' 项目 ', investor: '投资方', industryCode: 'c3985', source: 'FOREIGN' as const, platformId: 'pf1', totalInvestment: 520_000.5, templateKey: 'STANDARD_LAND' };
    const input = toCreateProjectInput(values);
    expect(input).toMatchObject({ name: '项目', industryCode: 'C3985', totalInvestment: 5_200_005_000, code: null, uscc: null, site: null, foreignInvestment: null, responsiblePeople: null });
  });

  it('sends foreign investment only when switched on and complete', () => {
    const base = { ...emptyProjectForm('2024-06-01'), name: 'x', investor: 'y', industryCode: '3985', source: 'FOREIGN' as const, platformId: 'p', totalInvestment: 1, templateKey: 'K' };
    const on = { ...base, hasForeign: true, foreignInvestment: { currency: 'usd', amount: 15_000, cnyRate: 7.1, usdCnyRate: 7.2 } };
    expect(toCreateProjectInput(on).foreignInvestment).toEqual({ currency: 'USD', amount: 150_000_000, cnyRate: 7.1 });
    expect(toCreateProjectInput({ ...on, hasForeign: false }).foreignInvestment).toBeNull();
  });

  it('sends the US dollar rate for any other currency, and asks for it', () => {
    const values = { ...emptyProjectForm('2024-06-01'), name: 'x', investor: 'y', industryCode: '3985', source: 'FOREIGN' as const, platformId: 'p', totalInvestment: 1, templateKey: 'K' };
    Object.assign(values, { hasForeign: true, foreignInvestment: { currency: 'EUR', amount: 10_000, cnyRate: 7.8, usdCnyRate: 7.1 } });
    expect(toCreateProjectInput(values).foreignInvestment).toEqual({ currency: 'EUR', amount: 100_000_000, cnyRate: 7.8, usdCnyRate: 7.1 });
    const rule = projectRules(values)['foreignInvestment.usdCnyRate'][0];
    expect(validate(rule, 7.1)).toBeNull();
    expect(validate(rule, null)).toBe('非美元外资须填写签约时美元汇率');
    values.foreignInvestment.currency = 'USD';
    expect(validate(rule, null)).toBeNull();
  });

  it('requires a liaison leader and lead unit from 50亿元 on', () => {
    const values = emptyProjectForm('2024-06-01');
    const rules = projectRules(values);
    values.totalInvestment = 499_999;
    expect(validate(rules.liaisonLeaderId[0], '')).toBeNull();
    values.totalInvestment = 500_000;
    expect(validate(rules.liaisonLeaderId[0], '')).toBe('总投资50亿元以上的项目须指定包联领导');
    expect(validate(rules.leadUnitId[0], 'unit-1')).toBeNull();
  });
});

describe('lead form', () => {
  it('converts the estimate to yuan and needs a source', () => {
    const values = { ...emptyLeadForm(), name: 'a', investor: 'b', source: 'MERGER' as const, estimatedInvestment: 8_000 };
    expect(toCreateLeadInput(values)).toMatchObject({ estimatedInvestment: 80_000_000, chainId: null, uscc: null });
    expect(() => toCreateLeadInput(emptyLeadForm())).toThrow();
  });
});

describe('node report rules', () => {
  it('needs an actual date for DONE, not in the future, and a reason for SKIPPED', () => {
    const values = { status: 'DONE' as const, actualDate: '', note: '', skipReason: '' };
    const rules = reportRules(values, () => '2024-05-10');
    expect(validate(rules.actualDate[0], '')).toBe('完成的节点须填写实际完成日期');
    expect(validate(rules.actualDate[0], '2024-05-11')).toBe('实际完成日期不能晚于今天');
    expect(validate(rules.actualDate[0], '2024-05-10')).toBeNull();
    const skipped = { ...values, status: 'SKIPPED' as const };
    expect(validate(reportRules(skipped).skipReason[0], ' ')).toBe('请说明不适用的原因');
  });
});

describe('audit history', () => {
  it('lists changed fields with Chinese labels, before → after', () => {
    const changes = auditChanges(JSON.stringify({ plannedDate: '2024-04-01', person: '王' }), JSON.stringify({ plannedDate: '2024-05-01', person: '王', status: 'DONE' }));
    expect(changes).toEqual([
      { field: 'plannedDate', label: '计划日期', before: '2024-04-01', after: '2024-05-01' },
      { field: 'status', label: '状态', before: '—', after: 'DONE' },
    ]);
    expect(auditChanges(null, 'not json')).toEqual([{ field: '值', label: '值', before: '—', after: 'not json' }]);
  });
});
