import { describe, expect, it } from 'vitest';
import { DEFAULT_AGREEMENT_CONFIG, agreementFlags, evaluateReview, firstReviewDueOn, investmentIntensity } from '../../api/src/domain/agreements.js';

describe('investmentIntensity', () => {
  it('is 万元 per 亩', () => {
    // ¥300,000,000 = 30,000万元 over 50亩 → 600 万元/亩
    expect(investmentIntensity(300_000_000, 50)).toBe(600);
    expect(() => investmentIntensity(1, 0)).toThrow(RangeError);
  });
});

describe('evaluateReview', () => {
  const committed = { INVESTMENT_INTENSITY: 600, TAX_PER_MU: 30, ENERGY_PER_VALUE_ADDED: 0.5 };

  it('passes only when every committed indicator passes (no tolerance by default)', () => {
    const ok = evaluateReview(committed, { INVESTMENT_INTENSITY: 600, TAX_PER_MU: 30, ENERGY_PER_VALUE_ADDED: 0.5 }, '2025-03-01');
    expect(ok).toMatchObject({ passed: true, rectificationDueOn: null });
    const short = evaluateReview(committed, { INVESTMENT_INTENSITY: 650, TAX_PER_MU: 29.99, ENERGY_PER_VALUE_ADDED: 0.4 }, '2025-03-01');
    expect(short.passed).toBe(false);
    expect(short.indicators.filter((i) => !i.passed).map((i) => i.code)).toEqual(['TAX_PER_MU']);
    // 1 Mar + 180 days: 30 (31 Mar) + 30 (30 Apr) + 31 + 30 + 31 (31 Jul) = 152, + 28 → 28 Aug
    expect(short.rectificationDueOn).toBe('2025-08-28');
  });

  it('applies the tolerance in the right direction for each indicator', () => {
    const config = { ...DEFAULT_AGREEMENT_CONFIG, tolerance: 0.05 };
    const run = (tax: number, energy: number) =>
      Object.fromEntries(
        evaluateReview(committed, { INVESTMENT_INTENSITY: 600, TAX_PER_MU: tax, ENERGY_PER_VALUE_ADDED: energy }, '2025-03-01', config).indicators.map((i) => [
          i.code,
          i.passed,
        ]),
      );
    // tax: 30 × 0.95 = 28.5 is the floor; energy (lower is better): 0.5 × 1.05 = 0.525 is the ceiling
    expect(run(28.5, 0.525)).toEqual({ INVESTMENT_INTENSITY: true, TAX_PER_MU: true, ENERGY_PER_VALUE_ADDED: true });
    expect(run(28.49, 0.526)).toEqual({ INVESTMENT_INTENSITY: true, TAX_PER_MU: false, ENERGY_PER_VALUE_ADDED: false });
  });

  it('fails a committed indicator with no actual value and ignores uncommitted ones', () => {
    const r = evaluateReview({ TAX_PER_MU: 30 }, { OUTPUT_PER_MU: 1000 }, '2025-03-01');
    expect(r.indicators).toEqual([{ code: 'TAX_PER_MU', committed: 30, actual: null, threshold: 30, passed: false }]);
    expect(r.passed).toBe(false);
  });
});

describe('agreementFlags', () => {
  const none = { reviews: [], milestones: [], rectifications: [] };

  it('review due within 60 days, then overdue, unless carried out', () => {
    const facts = { ...none, reviews: [{ dueOn: '2025-08-29' }] };
    // 30 Jun → 29 Aug = 1 + 31 + 28 = 60 days
    expect(agreementFlags(facts, '2025-06-30')).toMatchObject({ reviewDueSoon: true, reviewOverdue: false });
    expect(agreementFlags(facts, '2025-06-29').reviewDueSoon).toBe(false); // 61 days
    expect(agreementFlags(facts, '2025-08-29')).toMatchObject({ reviewDueSoon: true, reviewOverdue: false });
    expect(agreementFlags(facts, '2025-08-30')).toMatchObject({ reviewDueSoon: false, reviewOverdue: true });
    const done = { ...none, reviews: [{ dueOn: '2025-08-29', reviewedOn: '2025-08-20' }] };
    expect(agreementFlags(done, '2025-08-30')).toMatchObject({ reviewDueSoon: false, reviewOverdue: false });
    expect(agreementFlags(done, '2025-08-19').reviewDueSoon).toBe(true); // not yet reviewed as of then
  });

  it('is in breach when a committed date passes before its milestone', () => {
    const late = { ...none, milestones: [{ kind: 'START' as const, committedBy: '2025-03-01', doneOn: '2025-03-05' }] };
    expect(agreementFlags(late, '2025-03-01').inBreach).toBe(false); // the committed day itself
    expect(agreementFlags(late, '2025-03-02')).toMatchObject({ inBreach: true, breachReasons: ['START_LATE'] });
    expect(agreementFlags(late, '2025-06-30').breachReasons).toEqual(['START_LATE']); // done late stays a breach
    const onTime = { ...none, milestones: [{ kind: 'CAPACITY' as const, committedBy: '2025-03-01', doneOn: '2025-03-01' }] };
    expect(agreementFlags(onTime, '2025-06-30').inBreach).toBe(false);
    const never = { ...none, milestones: [{ kind: 'COMPLETION' as const, committedBy: '2025-03-01', doneOn: null }] };
    expect(agreementFlags(never, '2025-03-02').breachReasons).toEqual(['COMPLETION_LATE']);
  });

  it('is in breach when a rectification is overdue and open', () => {
    const facts = { ...none, rectifications: [{ dueOn: '2025-09-01', closedOn: '2025-09-10' }] };
    expect(agreementFlags(facts, '2025-09-01').inBreach).toBe(false);
    expect(agreementFlags(facts, '2025-09-02').breachReasons).toEqual(['RECTIFICATION_OVERDUE']);
    expect(agreementFlags(facts, '2025-09-10').inBreach).toBe(false);
  });

  it('dates the first review 90 days after the committed capacity date', () => {
    // 6 Sep 2028 + 90: 24 (30 Sep) + 31 (31 Oct) + 30 (30 Nov) = 85, + 5 → 5 Dec
    expect(firstReviewDueOn('2028-09-06')).toBe('2028-12-05');
  });
});
