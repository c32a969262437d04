/**
 * Leads (线索): follow-up kinds and staleness. A lead whose last follow-up (or, with none, its
 * creation) is 30 days *(config)* or more before D is stale as of D: "no follow-up for 30 days"
 * has happened once 30 whole days have passed.
 *
 * API: FOLLOW_UP_KINDS, DEFAULT_LEAD_CONFIG, daysSinceFollowUp, isLeadStale.
 */
import { daysBetween, type CalendarDate } from './dates.js';

export const FOLLOW_UP_KINDS = [
  { code: 'PHONE', name: '电话' },
  { code: 'VISIT', name: '走访' },
  { code: 'RECEPTION', name: '来访' },
  { code: 'FAIR', name: '洽谈会' },
] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number]['code'];

export interface LeadConfig {
  staleDays: number;
}

export const DEFAULT_LEAD_CONFIG: LeadConfig = { staleDays: 30 };

export interface LeadFollowUpFacts {
  createdOn: CalendarDate;
  /** Dates of follow-ups logged so far (any order). */
  followUpDates: readonly CalendarDate[];
}

/** Days from the last follow-up on or before D (or creation) to D. */
export function daysSinceFollowUp(lead: LeadFollowUpFacts, asOf: CalendarDate): number {
  const last = lead.followUpDates.filter((d) => d <= asOf).reduce((a, b) => (a > b ? a : b), lead.createdOn);
  return daysBetween(last, asOf);
}

export function isLeadStale(lead: LeadFollowUpFacts, asOf: CalendarDate, config: LeadConfig = DEFAULT_LEAD_CONFIG): boolean {
  return lead.createdOn <= asOf && daysSinceFollowUp(lead, asOf) >= config.staleDays;
}
