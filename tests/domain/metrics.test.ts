import { describe, expect, it } from 'vitest';
import { applyCut, cohort, manufacturingShare, milestoneRate, signedOn, sortedIds, type ProjectFacts } from '../../api/src/domain/metrics.js';
import { fundingRate, tierCounts } from '../../api/src/domain/metrics-tiers.js';
import { DEFAULT_TIER_CONFIG } from '../../api/src/domain/tiers.js';

interface Spec {
  sign?: string;
  landing?: string;
  start?: string;
  produce?: string;
  capacity?: string;
  /** Node code → day the DONE fact was recorded, when later than its actual date. */
  recorded?: Record<string, string>;
  extra?: Record<string, string>;
}

/** A project on a template whose landing gate is `landingGateCode`; dates given = DONE then. */
function project(id: string, landingGateCode: string, spec: Spec, more: Partial<ProjectFacts> = {}): ProjectFacts {
  const dates: Record<string, string | undefined> = {
    SIGN: spec.sign,
    [landingGateCode]: spec.landing,
    START: spec.start,
    PRODUCE: spec.produce,
    CAPACITY: spec.capacity,
    ...spec.extra,
  };
  return {
    id,
    voided: false,
    landingGateCode,
    totalInvestmentYuan: 100_000_000,
    nodes: Object.entries(dates).map(([code, date]) => ({
      code,
      status: date ? 'DONE' : 'PENDING',
      actualDate: date ?? null,
      recordedOn: spec.recorded?.[code] ?? null,
    })),
    ...more,
  };
}

const portfolio: ProjectFacts[] = [
  project('A', 'LAND', { sign: '2024-12-31' }, { industryCode: 'C2614' }), // signed on the last day of 2024
  project('B', 'LAND', { sign: '2025-01-01', landing: '2025-02-01' }, { industryCode: 'C2614' }), // first day of 2025
  project('C', 'LAND', { sign: '2024-03-01', landing: '2025-01-05' }, { industryCode: '2614' }), // landed after year end
  project('D', 'LAND', { sign: '2024-05-01', landing: '2024-08-01' }, { industryCode: '3511', endedOn: '2024-10-01' }), // terminated
  project('E', 'LAND', { sign: '2024-02-01', start: '2024-06-01' }, { industryCode: '5191' }), // started, never landed
  project('F', 'LAND', { sign: '2024-01-10', landing: '2024-07-01', start: '2024-11-01' }),
  project('G', 'LAND', { sign: '2024-04-01', landing: '2024-12-20', recorded: { LAND: '2025-01-15' } }, { industryCode: '4411' }),
  project('H', 'FILING', { sign: '2024-06-01', landing: '2024-07-15' }, { industryCode: '1310' }), // 增资扩产: FILING lands
  project('I', 'LEASE', { sign: '2024-09-01', extra: { FILING: '2024-10-01' } }, { industryCode: 'C4330' }), // 租赁: FILING is not LEASE
  project('V', 'LAND', { sign: '2024-03-01', landing: '2024-04-01' }, { voided: true, industryCode: 'C2614' }),
  project('U', 'LAND', {}), // never signed
];

const COHORT_2024 = ['A', 'C', 'D', 'E', 'F', 'G', 'H', 'I'];

describe('cohort', () => {
  it('is decided by the SIGN actual date: 31 Dec vs 1 Jan', () => {
    expect(cohort(portfolio, 2024, '2025-06-30')).toEqual(COHORT_2024);
    expect(cohort(portfolio, 2025, '2025-06-30')).toEqual(['B']);
  });

  it('only holds projects signed by asOf', () => {
    expect(cohort(portfolio, 2024, '2024-12-30')).toEqual(['C', 'D', 'E', 'F', 'G', 'H', 'I']);
    expect(signedOn(portfolio[0], '2024-12-30')).toBeNull();
    expect(signedOn(portfolio[0], '2024-12-31')).toBe('2024-12-31');
  });
});

describe('当年落地率 / 两年落地率', () => {
  it('counts landings by 31 Dec Y; a landing in January does not count (当年)', () => {
    const r = milestoneRate(portfolio, { year: 2024, milestone: 'LANDED', window: 'YEAR', asOf: '2025-06-30' });
    // landed by 2024-12-31: D (08-01), F (07-01), G (12-20, recorded 2025-01-15 ≤ asOf), H (07-15) → 4 of 8
    expect(r).toMatchObject({ numerator: 4, denominator: 8, rate: 0.5, cutoff: '2024-12-31', final: true });
    expect(r.numeratorIds).toEqual(['D', 'F', 'G', 'H']);
    expect(r.denominatorIds).toEqual(COHORT_2024);
  });

  it('keeps terminated projects in the denominator and drops voided ones', () => {
    const r = milestoneRate(portfolio, { year: 2024, milestone: 'LANDED', window: 'YEAR', asOf: '2025-06-30' });
    expect(r.denominatorIds).toContain('D');
    expect(r.denominatorIds).not.toContain('V');
  });

  it('does not count a later gate done without the landing gate', () => {
    const r = milestoneRate(portfolio, { year: 2024, milestone: 'LANDED', window: 'YEAR', asOf: '2025-06-30' });
    expect(r.numeratorIds).not.toContain('E'); // START done, LAND not
    expect(r.numeratorIds).not.toContain('I'); // FILING done, but LEASE is I's landing gate
  });

  it('两年 uses 31 Dec Y+1 (capped at asOf)', () => {
    const r = milestoneRate(portfolio, { year: 2024, milestone: 'LANDED', window: 'TWO_YEARS', asOf: '2025-06-30' });
    // + C, landed 2025-01-05 → 5 of 8 = 0.625; the horizon 2025-12-31 is not reached yet
    expect(r).toMatchObject({ numerator: 5, denominator: 8, rate: 0.625, cutoff: '2025-06-30', final: false });
  });

  it('a past figure ignores facts recorded after it', () => {
    // G's landing (20 Dec) was recorded on 15 Jan: as of 10 Jan it was not known → 3 of 8
    const before = milestoneRate(portfolio, { year: 2024, milestone: 'LANDED', window: 'YEAR', asOf: '2025-01-10' });
    expect(before).toMatchObject({ numerator: 3, denominator: 8, rate: 0.375 });
    const after = milestoneRate(portfolio, { year: 2024, milestone: 'LANDED', window: 'YEAR', asOf: '2025-01-15' });
    expect(after).toMatchObject({ numerator: 4, rate: 0.5 });
  });
});

describe('year-to-date 落地率', () => {
  it('counts members signed by D that landed by D (asOf before and after an actual date)', () => {
    // signed by 2024-06-30: F, E, C, G, D, H = 6; none landed yet (F lands 07-01)
    const june = milestoneRate(portfolio, { year: 2024, milestone: 'LANDED', window: 'YEAR_TO_DATE', asOf: '2024-06-30' });
    expect(june).toMatchObject({ numerator: 0, denominator: 6, rate: 0 });
    const july1 = milestoneRate(portfolio, { year: 2024, milestone: 'LANDED', window: 'YEAR_TO_DATE', asOf: '2024-07-01' });
    expect(july1).toMatchObject({ numerator: 1, denominator: 6, numeratorIds: ['F'] });
    // 15 Jul: F and H of 6 → 1/3
    const july15 = milestoneRate(portfolio, { year: 2024, milestone: 'LANDED', window: 'YEAR_TO_DATE', asOf: '2024-07-15' });
    expect(july15.rate).toBeCloseTo(1 / 3, 12);
  });

  it('has no rate before anyone signed', () => {
    const r = milestoneRate(portfolio, { year: 2024, milestone: 'LANDED', window: 'YEAR_TO_DATE', asOf: '2024-01-09' });
    expect(r).toMatchObject({ numerator: 0, denominator: 0, rate: null });
  });
});

describe('开工率, 投产率, 达产率', () => {
  it('use START, PRODUCE, CAPACITY the same way', () => {
    // START by 2024-12-31: E (06-01), F (11-01) → 2 of 8
    const started = milestoneRate(portfolio, { year: 2024, milestone: 'STARTED', window: 'YEAR', asOf: '2025-06-30' });
    expect(started).toMatchObject({ numerator: 2, denominator: 8, rate: 0.25, numeratorIds: ['E', 'F'] });
    const produced = milestoneRate(portfolio, { year: 2024, milestone: 'IN_PRODUCTION', window: 'YEAR', asOf: '2025-06-30' });
    expect(produced).toMatchObject({ numerator: 0, denominator: 8, rate: 0 });
  });
});

describe('制造业占比', () => {
  it('counts section C members of the cohort', () => {
    // A C2614, C 2614, D 3511, H 1310, I C4330 are manufacturing; E 5191 (wholesale), F none,
    // G 4411 (electricity) are not → 5 of 8
    const r = manufacturingShare(portfolio, 2024, '2025-06-30');
    expect(r).toMatchObject({ numerator: 5, denominator: 8, rate: 0.625, numeratorIds: ['A', 'C', 'D', 'H', 'I'] });
  });
});

describe('cuts', () => {
  it('filter by platform, unit, chain, source and tier', () => {
    const ps = [
      project('p1', 'LAND', { sign: '2024-01-01' }, { platformId: 'HZW', unitIds: ['u1'], industryChain: 'HYDROGEN', source: 'FOREIGN' }),
      project('p2', 'LAND', { sign: '2024-01-01' }, { platformId: 'CEJ', unitIds: ['u2'], totalInvestmentYuan: 1_000_000_000 }),
    ];
    expect(applyCut(ps, { platformId: 'HZW' }).map((p) => p.id)).toEqual(['p1']);
    expect(applyCut(ps, { unitId: 'u2' }).map((p) => p.id)).toEqual(['p2']);
    expect(applyCut(ps, { industryChain: 'HYDROGEN', source: 'FOREIGN' }).map((p) => p.id)).toEqual(['p1']);
    expect(applyCut(ps, { tier: 'OVER_1B' }).map((p) => p.id)).toEqual(['p2']);
    expect(applyCut(ps, {}).length).toBe(2);
  });

  it('cuts the same facts by tier under each config it is given (tiers are remembered per config)', () => {
    const ps = [project('p1', 'LAND', { sign: '2024-01-01' }, { totalInvestmentYuan: 800_000_000 })];
    expect(applyCut(ps, { tier: 'OVER_1B' })).toEqual([]);
    const lower = { ...DEFAULT_TIER_CONFIG, over1BYuan: 500_000_000 };
    expect(applyCut(ps, { tier: 'OVER_1B' }, lower).map((p) => p.id)).toEqual(['p1']);
    expect(tierCounts(ps, { from: '2024-01-01', to: '2024-12-31', asOf: '2024-12-31' }, lower).OVER_1B.count).toBe(1);
    expect(tierCounts(ps, { from: '2024-01-01', to: '2024-12-31', asOf: '2024-12-31' }).OVER_1B.count).toBe(0);
  });
});

describe('tier counts per period', () => {
  const sign = (id: string, date: string, more: Partial<ProjectFacts>) => project(id, 'LAND', { sign: date }, more);
  const ps = [
    sign('t1', '2021-03-01', { totalInvestmentYuan: 1_000_000_000, industryCode: 'C2614' }), // exactly ¥1,000,000,000
    sign('t2', '2022-05-01', { totalInvestmentYuan: 999_999_999, industryCode: 'C2614' }), // one yuan short
    sign('t3', '2023-12-31', { totalInvestmentYuan: 2_000_000_000, industryCode: 'I6510' }), // not manufacturing
    sign('t4', '2024-01-01', { totalInvestmentYuan: 3_000_000_000, industryCode: 'C2614' }), // outside the period
    sign('t5', '2022-01-01', { totalInvestmentYuan: 150_000_000, industryChain: 'PHOTOVOLTAIC' }),
    sign('t6', '2022-02-01', { totalInvestmentYuan: 6_000_000_000, liaisonLeaderId: 'l1', leadUnitId: 'u1', industryCode: 'C3511' }),
    sign('t7', '2022-02-02', { totalInvestmentYuan: 5_000_000_000, leadUnitId: 'u1' }),
    sign('t8', '2023-06-01', {
      totalInvestmentYuan: 720_000_000,
      industryCode: 'C3990',
      foreign: { amount: 100_000_000, currency: 'USD', cnyRate: 7.2 },
    }),
    sign('t9', '2022-06-01', { totalInvestmentYuan: 2_000_000_000, industryCode: 'C2614', voided: true }),
  ];

  it('counts 2021–2023 signings by flag', () => {
    const c = tierCounts(ps, { from: '2021-01-01', to: '2023-12-31', asOf: '2024-06-30' });
    expect(c.OVER_1B).toEqual({ count: 4, ids: ['t1', 't3', 't6', 't7'] });
    expect(c.OVER_1B_MANUFACTURING).toEqual({ count: 2, ids: ['t1', 't6'] }); // t2 is ¥1 short, t3 is I, t7 has no code
    expect(c.OVER_100M.ids).toEqual(['t1', 't2', 't3', 't5', 't6', 't7', 't8']);
    expect(c.OVER_100M_WITH_CHAIN.ids).toEqual(['t5']);
    expect(c.OVER_5B.ids).toEqual(['t6', 't7']);
    expect(c.OVER_5B_UNDER_CONTROL.ids).toEqual(['t6']); // t7 lacks a liaison leader
    expect(c.FOREIGN_100M_USD.ids).toEqual(['t8']);
    expect(c.FOREIGN_100M_USD_MANUFACTURING.ids).toEqual(['t8']);
  });

  it('only counts signings known by asOf', () => {
    const c = tierCounts(ps, { from: '2021-01-01', to: '2023-12-31', asOf: '2022-01-31' });
    expect(c.OVER_1B.ids).toEqual(['t1']);
  });
});

describe('资金到位率', () => {
  const ps = [
    project('f1', 'LAND', { sign: '2025-01-10' }, {
      totalInvestmentYuan: 100_000_000,
      investmentReports: [
        { reportedOn: '2025-03-31', amountYuan: 30_000_000 },
        { reportedOn: '2025-06-30', amountYuan: 20_000_000 },
      ],
    }),
    project('f2', 'LAND', { sign: '2025-02-01' }, {
      totalInvestmentYuan: 300_000_000,
      investmentReports: [{ reportedOn: '2025-06-30', amountYuan: 60_000_000, recordedOn: '2025-07-10' }],
    }),
    project('f3', 'LAND', {}, { totalInvestmentYuan: 500_000_000 }), // not signed: not in the denominator
  ];

  it('sums reports dated and recorded by asOf over contracted totals', () => {
    // f1: 30M + 20M = 50M; f2's report is not recorded yet → 50M ÷ (100M + 300M) = 0.125
    const june = fundingRate(ps, '2025-06-30');
    expect(june).toMatchObject({ actualYuan: 50_000_000, contractedYuan: 400_000_000, rate: 0.125, projectIds: ['f1', 'f2'], fundedProjectIds: ['f1'] });
    expect(june.perProject.find((x) => x.id === 'f1')?.rate).toBe(0.5);
    // 10 Jul: + 60M → 110M ÷ 400M = 0.275
    expect(fundingRate(ps, '2025-07-10')).toMatchObject({ actualYuan: 110_000_000, rate: 0.275 });
    // 31 Mar: only f1's first report; f2 signed → 30M ÷ 400M = 0.075
    expect(fundingRate(ps, '2025-03-31').rate).toBe(0.075);
  });

  it('has no rate without signed projects', () => {
    expect(fundingRate(ps, '2025-01-01')).toMatchObject({ rate: null, projectIds: [] });
  });
});

describe('sortedIds', () => {
  it('returns a sorted copy whether or not the ids came sorted', () => {
    const sorted = ['a1', 'b2', 'c3'];
    const copy = sortedIds(sorted);
    expect(copy).toEqual(sorted);
    expect(copy).not.toBe(sorted);
    const shuffled = ['c3', 'a1', 'b2'];
    expect(sortedIds(shuffled)).toEqual(['a1', 'b2', 'c3']);
    expect(shuffled).toEqual(['c3', 'a1', 'b2']);
    expect(sortedIds(['a1', 'c3', 'b2'])).toEqual(['a1', 'b2', 'c3']);
    expect(sortedIds([])).toEqual([]);
  });

  it('keeps drill-down ids sorted when facts come unsorted', () => {
    const facts = ['p3', 'p1', 'p2'].map((id) => project(id, 'LAND', { sign: '2025-02-01', landing: '2025-03-01' }));
    const r = milestoneRate(facts, { year: 2025, milestone: 'LANDED', window: 'YEAR', asOf: '2025-12-31' });
    expect(r.denominatorIds).toEqual(['p1', 'p2', 'p3']);
    expect(r.numeratorIds).toEqual(['p1', 'p2', 'p3']);
  });
});
