import { describe, expect, it } from 'vitest';
import { daysSinceFollowUp, isLeadStale } from '../../api/src/domain/leads.js';

describe('stale leads', () => {
  const lead = { createdOn: '2025-01-01', followUpDates: ['2025-02-01', '2025-01-10'] };

  it('is stale after 30 days without a follow-up', () => {
    // 1 Feb → 2 Mar = 27 + 2 = 29 days; → 3 Mar = 30 days
    expect(daysSinceFollowUp(lead, '2025-03-02')).toBe(29);
    expect(isLeadStale(lead, '2025-03-02')).toBe(false);
    expect(isLeadStale(lead, '2025-03-03')).toBe(true);
  });

  it('counts from creation without follow-ups, and ignores later follow-ups', () => {
    expect(isLeadStale({ createdOn: '2025-01-01', followUpDates: [] }, '2025-01-31')).toBe(true); // 30 days
    expect(daysSinceFollowUp(lead, '2025-01-20')).toBe(10); // 10 Jan, not 1 Feb
    expect(isLeadStale(lead, '2024-12-01')).toBe(false); // not created yet
    expect(isLeadStale(lead, '2025-03-03', { staleDays: 45 })).toBe(false);
  });
});
