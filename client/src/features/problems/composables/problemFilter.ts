import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import type { ProblemColour, ProblemFilter, ProblemStatus } from '@/gql/graphql';
import { compactQuery, queryBool, queryEnumList, queryString } from '@/shared/forms/routeQuery.js';
import { PROBLEM_COLOUR_LABELS, PROBLEM_STATUS_LABELS } from '@/shared/format/labels.js';

export const PROBLEM_STATUSES = Object.keys(PROBLEM_STATUS_LABELS) as ProblemStatus[];
export const PROBLEM_COLOUR_VALUES = Object.keys(PROBLEM_COLOUR_LABELS) as ProblemColour[];

/** '' = either; 'yes' = open and past the deadline; 'no' = the others. */
export type OverdueChoice = '' | 'yes' | 'no';

export interface ProblemFilterValues {
  status: ProblemStatus[];
  colour: ProblemColour[];
  unitId: string;
  mine: boolean;
  overdue: OverdueChoice;
}

export function parseProblemFilter(query: LocationQuery): ProblemFilterValues {
  const overdue = queryString(query, 'overdue');
  return {
    status: queryEnumList(query, 'status', PROBLEM_STATUSES),
    colour: queryEnumList(query, 'colour', PROBLEM_COLOUR_VALUES),
    unitId: queryString(query, 'unit'),
    mine: queryBool(query, 'mine'),
    overdue: overdue === '1' ? 'yes' : overdue === '0' ? 'no' : '',
  };
}

export function problemFilterToQuery(v: ProblemFilterValues): LocationQueryRaw {
  return compactQuery({
    status: v.status,
    colour: v.colour,
    unit: v.unitId,
    mine: v.mine,
    overdue: v.overdue === 'yes' ? '1' : v.overdue === 'no' ? '0' : '',
  });
}

export function toProblemFilter(v: ProblemFilterValues): ProblemFilter {
  const filter: ProblemFilter = {};
  if (v.status.length > 0) filter.status = v.status;
  if (v.colour.length > 0) filter.colour = v.colour;
  if (v.unitId) filter.unitId = v.unitId;
  if (v.mine) filter.mine = true;
  if (v.overdue) filter.overdue = v.overdue === 'yes';
  return filter;
}
