import type { Plain } from '../../lib/records.js';
import type { FollowUpDoc, LeadDoc } from './model.js';

export type LeadRecord = Plain<LeadDoc>;
export type FollowUpRecord = Plain<FollowUpDoc>;
