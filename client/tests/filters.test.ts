import { describe, expect, it } from 'vitest';
import { leadFilterToQuery, parseLeadFilter, toLeadFilter } from '@/features/leads/composables/leadFilter.js';
import {
  ledgerExportUrl,
  parseProjectFilter,
  projectFilterToQuery,
  toProjectFilter,
} from '@/features/projects/composables/projectFilter.js';

describe('lead filter in the URL', () => {
  it('round-trips and drops unknown status values', () => {
    const values = parseLeadFilter({ status: ['NEW', 'BOGUS', 'NEGOTIATING'], stale: '1', q: ' 新材料 ' });
    expect(values).toEqual({ status: ['NEW', 'NEGOTIATING'], stale: true, mine: false, text: ' 新材料 ' });
    expect(leadFilterToQuery(values)).toEqual({ status: ['NEW', 'NEGOTIATING'], stale: '1', q: '新材料' });
    expect(toLeadFilter(values)).toEqual({ status: ['NEW', 'NEGOTIATING'], stale: true, text: '新材料' });
  });

  it('sends an empty filter when nothing is chosen (unchecked means "any")', () => {
    expect(toLeadFilter(parseLeadFilter({}))).toEqual({});
  });
});

describe('project filter in the URL and the ledger export', () => {
  it('parses every filter and defaults the sort', () => {
    const values = parseProjectFilter({ stage: 'SIGNED', tier: ['OVER_5B'], light: ['RED', 'YELLOW'], platform: 'pf1', chain: 'c1', q: 'SY' });
    expect(values.sort).toBe('CODE');
    expect(toProjectFilter(values)).toEqual({ stage: ['SIGNED'], tier: ['OVER_5B'], light: ['RED', 'YELLOW'], platformId: 'pf1', chainId: 'c1', text: 'SY' });
    expect(projectFilterToQuery(values)).toEqual({ stage: ['SIGNED'], tier: ['OVER_5B'], light: ['RED', 'YELLOW'], platform: 'pf1', chain: 'c1', q: 'SY' });
  });

  it('exports the same filter with ProjectFilter field names, lists repeated', () => {
    const url = ledgerExportUrl({ tier: ['OVER_1B', 'OVER_5B'], platformId: 'pf1', text: '高端 装备' }, 'INVESTMENT_DESC');
    const params = new URL(url, 'http://x').searchParams;
    expect(url.startsWith('/api/ledger.xlsx?')).toBe(true);
    expect(params.getAll('tier')).toEqual(['OVER_1B', 'OVER_5B']);
    expect(params.get('platformId')).toBe('pf1');
    expect(params.get('text')).toBe('高端 装备');
    expect(params.get('sort')).toBe('INVESTMENT_DESC');
    expect(ledgerExportUrl({}, 'CODE')).toBe('/api/ledger.xlsx');
  });
});
