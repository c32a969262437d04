/**
 * Adapts stored agreements to domain/agreements.ts: commitments and actuals as indicator maps,
 * the administrator's tolerance and due window, and the flags as of a date (milestones read
 * from the project's DONE gates, so a milestone done after D does not count at D).
 */
import {
  agreementFlags,
  DEFAULT_AGREEMENT_CONFIG,
  investmentIntensity,
  type AgreementConfig,
  type AgreementIndicator,
} from '../../domain/agreements.js';
import type { CalendarDate } from '../../domain/dates.js';
import type { Settings } from '../settings/service.js';
import type { ProjectRecord } from '../projects/types.js';
import type { ActualsDoc, CommitmentsDoc } from './model.js';
import type { AgreementFlagsRecord, AgreementRecord } from './types.js';

export function agreementConfig(s: Settings): AgreementConfig {
  return { ...DEFAULT_AGREEMENT_CONFIG, tolerance: s.flat.reviewTolerance, reviewDueSoonDays: s.flat.reviewDueDays };
}

type Indicators = Partial<Record<AgreementIndicator, number | null>>;

function perMu(c: CommitmentsDoc): Indicators {
  return {
    TAX_PER_MU: c.taxPerMu,
    OUTPUT_PER_MU: c.outputPerMu,
    VALUE_ADDED_PER_MU: c.valueAddedPerMu,
    ENERGY_PER_VALUE_ADDED: c.energyPerValueAdded,
    RD_RATIO: c.rdRatio,
  };
}

/** Committed indicators; intensity (万元/亩) derives from the committed investment and the land. */
export function committedIndicators(a: Pick<AgreementRecord, 'fixedAssetInvestment' | 'landAreaMu' | 'commitments'>): Indicators {
  return { INVESTMENT_INTENSITY: investmentIntensity(a.fixedAssetInvestment, a.landAreaMu), ...perMu(a.commitments) };
}

export function actualIndicators(actuals: ActualsDoc, landAreaMu: number): Indicators {
  return {
    INVESTMENT_INTENSITY: actuals.fixedAssetInvestment == null ? null : investmentIntensity(actuals.fixedAssetInvestment, landAreaMu),
    ...perMu(actuals),
  };
}

const doneBy = (p: Pick<ProjectRecord, 'gates'>, code: string, asOf: CalendarDate) => {
  const g = p.gates.find((x) => x.code === code);
  return g && g.actualDate <= asOf ? g.actualDate : null;
};

export function flagsOf(a: AgreementRecord, p: Pick<ProjectRecord, 'gates'>, asOf: CalendarDate, config: AgreementConfig): AgreementFlagsRecord {
  const milestones = (
    [
      ['START', a.committedStartOn, 'START'],
      ['COMPLETION', a.committedCompletionOn, 'ACCEPT'],
      ['CAPACITY', a.committedCapacityOn, 'CAPACITY'],
    ] as const
  )
    .filter(([, by]) => by !== null)
    .map(([kind, by, code]) => ({ kind, committedBy: by!, doneOn: doneBy(p, code, asOf) }));
  const flags = agreementFlags(
    {
      reviews: a.reviews.map((r) => ({ dueOn: r.dueOn, reviewedOn: r.reviewedOn })),
      milestones,
      rectifications: a.rectifications.map((r) => ({ dueOn: r.dueOn, closedOn: r.closedOn })),
    },
    asOf,
    config,
  );
  const pending = a.reviews.filter((r) => !(r.reviewedOn !== null && r.reviewedOn <= asOf)).map((r) => r.dueOn).sort();
  return { ...flags, nextReviewDueOn: pending[0] ?? null };
}
