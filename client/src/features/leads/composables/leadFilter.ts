import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import type { LeadFilter, LeadStatus } from '@/gql/graphql';
import { compactQuery, queryBool, queryEnumList, queryString } from '@/shared/forms/routeQuery.js';

export const LEAD_STATUSES: readonly LeadStatus[] = ['NEW', 'NEGOTIATING', 'SIGNED', 'DROPPED'];

export interface LeadFilterValues {
  status: LeadStatus[];
  stale: boolean;
  mine: boolean;
  text: string;
}

export function parseLeadFilter(query: LocationQuery): LeadFilterValues {
  return {
    status: queryEnumList(query, 'status', LEAD_STATUSES),
    stale: queryBool(query, 'stale'),
    mine: queryBool(query, 'mine'),
    text: queryString(query, 'q'),
  };
}

export function leadFilterToQuery(values: LeadFilterValues): LocationQueryRaw {
  return compactQuery({ status: values.status, stale: values.stale, mine: values.mine, q: values.text });
}

/** Only what filters: an unchecked box means "don't care", not "false". */
export function toLeadFilter(values: LeadFilterValues): LeadFilter {
  const filter: LeadFilter = {};
  if (values.status.length > 0) filter.status = values.status;
  if (values.stale) filter.stale = true;
  if (values.mine) filter.mine = true;
  if (values.text.trim()) filter.text = values.text.trim();
  return filter;
}
