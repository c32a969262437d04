/**
 * Chooses between candidate plans the way MongoDB's multi-planner does: the candidates run
 * side by side, one candidate document per plan in turn, for a bounded number of steps
 * ("works"; more of them when a plan in order races one that sorts). The first plan to
 * finish wins: it ran out of candidates (EOF), or it produced the results wanted (the limit,
 * at most 101 like MongoDB's first batch) in the requested order. A plan that needs a blocking
 * sort produces nothing until its EOF. When the budget runs out
 * first, the most productive plan wins: results in order per work, then matches per work
 * (among plans that all sort, the one wasting fewer candidates; rates within 10% count as
 * equal, since a trial only sees the start of each walk), then the plan whose index bounds
 * narrow more, then the one providing the sort.
 *
 * Each branch of an OR plan first picks its index from its few candidates by how many
 * documents each would fetch, counted on the index alone up to BRANCH_KEYS: the fewest wins,
 * the planner's order breaks ties.
 *
 * Nothing is thrown away for the winner: what it matched during the trial is kept and its
 * walk goes on from where the trial left it. Only the losers' steps are extra work, at most
 * the budget each.
 */
import type { Document } from 'bson';
import type { CollectionData } from './collection.js';
import { indexScan, matchSteps, newStats, type ExecStats, type Match, type MatchOptions } from './executor.js';
import { planCandidates, planNarrowing, type Plan, type PlanOptions } from './planner.js';

/** Works per plan: a share of the collection, within these limits. */
const MIN_WORKS = 100;
const MAX_WORKS = 1000;
const WORKS_FRACTION = 0.02;
/**
 * Works per plan when a plan producing results in order races one that must sort them:
 * MongoDB's budget, so that a selective sorting plan can finish (cheaper than a sort walk
 * that stops at the limit only after a long search). Finishing costs at most the winner's
 * work once more per loser, since the trial's work is kept.
 */
const MIXED_MAX_WORKS = 10_000;
const MIXED_WORKS_FRACTION = 0.3;
/** Results in order that end the trial when the limit is larger (MongoDB's first batch). */
const MAX_RESULTS = 101;
/** Fetches counted per candidate index of an OR branch. */
const BRANCH_KEYS = 200;

export interface RunOptions extends PlanOptions {
  /** skip + limit when the caller stops after that many results in order; 0: all. */
  want?: number;
  /** What to decode for a plan's matches (sort fields when the plan does not sort). */
  matchOptions?: (plan: Plan) => MatchOptions;
}

export interface Chosen {
  plan: Plan;
  rejected: Plan[];
  /** The winner's matches, in its order. */
  stream: Iterable<Match>;
}

interface Racer {
  plan: Plan;
  stats: ExecStats;
  steps: Generator<Match | null>;
  works: number;
  found: Match[];
  /** Produces results in the requested order as it goes (no blocking sort). */
  streaming: boolean;
}

/** Plans `filter` and returns the winning plan's matches. */
export function runBestPlan(coll: CollectionData, filter: Document, opts: RunOptions, stats: ExecStats): Chosen {
  const plans = planCandidates(coll, filter, opts).map((p) => withBranchesChosen(coll, p));
  const sorted = !!opts.sort && Object.keys(opts.sort).length > 0;
  const racers: Racer[] = plans.map((plan) => {
    const own = plans.length > 1 ? newStats() : stats;
    return { plan, stats: own, steps: matchSteps(coll, filter, plan, own, opts.matchOptions?.(plan)), works: 0, found: [], streaming: !sorted || plan.sortProvided };
  });
  if (racers.length === 1) return { plan: plans[0], rejected: [], stream: continued(racers[0], null) };

  const mixed = racers.some((r) => r.streaming) && racers.some((r) => !r.streaming);
  const [max, fraction] = mixed ? [MIXED_MAX_WORKS, MIXED_WORKS_FRACTION] : [MAX_WORKS, WORKS_FRACTION];
  const budget = Math.max(MIN_WORKS, Math.min(max, Math.ceil(coll.size * fraction)));
  // Without a limit every result is needed: the first results say little about the total
  // work (an index walk meets its best keys first), so only EOF or the budget ends the trial.
  const target = opts.want ? Math.min(opts.want, MAX_RESULTS) : Infinity;
  let winner: Racer | null = null;
  for (let w = 0; w < budget && !winner; w++) {
    for (const r of racers) {
      const step = r.steps.next();
      if (step.done) {
        winner = r;
        break;
      }
      r.works++;
      if (!step.value) continue;
      r.found.push(step.value);
      if (r.streaming && r.found.length >= target) {
        winner = r;
        break;
      }
    }
  }
  winner ??= racers.reduce((best, r) => (better(r, best) ? r : best));
  for (const r of racers) if (r !== winner) r.steps.return(undefined);
  return { plan: winner.plan, rejected: racers.filter((r) => r !== winner).map((r) => r.plan), stream: continued(winner, stats) };
}

/** Does `r` beat `best` after a trial that no plan finished? */
function better(r: Racer, best: Racer): boolean {
  const rate = (x: Racer) => x.found.length / Math.max(1, x.works);
  const inOrder = (x: Racer) => (x.streaming ? rate(x) : 0);
  if (inOrder(r) !== inOrder(best)) return inOrder(r) > inOrder(best);
  const [a, b] = [rate(r), rate(best)];
  if (Math.abs(a - b) > 0.1 * Math.max(a, b)) return a > b;
  const [na, nb] = [planNarrowing(r.plan), planNarrowing(best.plan)];
  if (na !== nb) return na > nb;
  return r.plan.sortProvided && !best.plan.sortProvided;
}

/** An OR plan whose branches have each picked their index by a short trial. */
function withBranchesChosen(coll: CollectionData, plan: Plan): Plan {
  if (plan.stage !== 'OR' || !plan.branchOptions) return plan;
  const branches = plan.branchOptions.map(({ plans }) => {
    const options = plans.map((p) => withBranchesChosen(coll, p));
    if (options.length === 1) return options[0];
    let best: { plan: Plan; fetches: number } | null = null;
    for (const p of options) {
      // Options are index scans (a branch with no index option has one plan, a nested OR).
      let fetches = 0;
      for (const _ of indexScan(p, newStats())) if (++fetches >= BRANCH_KEYS) break;
      if (!best || fetches < best.fetches) best = { plan: p, fetches };
    }
    return best!.plan;
  });
  return { ...plan, branches, branchOptions: undefined };
}

/** The racer's trial results, then the rest of its walk; its work is added to `stats`. */
function* continued(r: Racer, stats: ExecStats | null): Generator<Match> {
  if (!stats || stats === r.stats) {
    yield* r.found;
    for (const m of r.steps) if (m) yield m;
    return;
  }
  let keys = 0;
  let docs = 0;
  const account = () => {
    stats.keysExamined += r.stats.keysExamined - keys;
    stats.docsExamined += r.stats.docsExamined - docs;
    keys = r.stats.keysExamined;
    docs = r.stats.docsExamined;
  };
  account();
  yield* r.found;
  for (const m of r.steps) {
    account();
    if (m) yield m;
  }
  account();
}
