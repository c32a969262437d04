import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import type { Light, ProjectFilter, ProjectSort, Stage, Tier } from '@/gql/graphql';
import { compactQuery, queryBool, queryEnumList, queryString } from '@/shared/forms/routeQuery.js';
import { LIGHT_LABELS, STAGE_LABELS, TIER_LABELS } from '@/shared/format/labels.js';

export const STAGES = Object.keys(STAGE_LABELS) as Stage[];
export const TIERS = Object.keys(TIER_LABELS) as Tier[];
export const LIGHTS = Object.keys(LIGHT_LABELS) as Light[];
export const SORTS: readonly ProjectSort[] = ['CODE', 'SIGNED_ON_DESC', 'INVESTMENT_DESC', 'UPDATED_DESC'];
export const SORT_LABELS: Record<ProjectSort, string> = {
  CODE: '按编号',
  SIGNED_ON_DESC: '签约日期（新→旧）',
  INVESTMENT_DESC: '总投资（大→小）',
  UPDATED_DESC: '最近更新',
};

export interface ProjectFilterValues {
  stage: Stage[];
  tier: Tier[];
  light: Light[];
  platformId: string;
  unitId: string;
  chainId: string;
  text: string;
  mine: boolean;
  sort: ProjectSort;
}

export function parseProjectFilter(query: LocationQuery): ProjectFilterValues {
  const sort = queryEnumList(query, 'sort', SORTS)[0];
  return {
    stage: queryEnumList(query, 'stage', STAGES),
    tier: queryEnumList(query, 'tier', TIERS),
    light: queryEnumList(query, 'light', LIGHTS),
    platformId: queryString(query, 'platform'),
    unitId: queryString(query, 'unit'),
    chainId: queryString(query, 'chain'),
    text: queryString(query, 'q'),
    mine: queryBool(query, 'mine'),
    sort: sort ?? 'CODE',
  };
}

export function projectFilterToQuery(v: ProjectFilterValues): LocationQueryRaw {
  return compactQuery({
    stage: v.stage,
    tier: v.tier,
    light: v.light,
    platform: v.platformId,
    unit: v.unitId,
    chain: v.chainId,
    q: v.text,
    mine: v.mine,
    sort: v.sort === 'CODE' ? '' : v.sort,
  });
}

export function toProjectFilter(v: ProjectFilterValues): ProjectFilter {
  const filter: ProjectFilter = {};
  if (v.stage.length > 0) filter.stage = v.stage;
  if (v.tier.length > 0) filter.tier = v.tier;
  if (v.light.length > 0) filter.light = v.light;
  if (v.platformId) filter.platformId = v.platformId;
  if (v.unitId) filter.unitId = v.unitId;
  if (v.chainId) filter.chainId = v.chainId;
  if (v.text.trim()) filter.text = v.text.trim();
  if (v.mine) filter.mine = true;
  return filter;
}

/**
 * The 台账 export of the same filtered list. Query parameters carry ProjectFilter's field
 * names; list fields repeat (`stage=SIGNED&stage=LANDED`).
 */
export function ledgerExportUrl(filter: ProjectFilter, sort: ProjectSort): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else if (value !== undefined && value !== null) params.append(key, String(value));
  }
  if (sort !== 'CODE') params.append('sort', sort);
  const qs = params.toString();
  return qs ? `/api/ledger.xlsx?${qs}` : '/api/ledger.xlsx';
}
