/**
 * Creates every model's collection and indexes (Model.init), so queries never run before their
 * index exists. Called at start-up and by the seed scripts; safe to repeat.
 */
import mongoose from 'mongoose';
import '../modules/users/model.js';
import '../modules/org/model.js';
import '../modules/templates/model.js';
import '../modules/leads/model.js';
import '../modules/projects/model.js';
import '../modules/audit/model.js';
import '../modules/instructions/model.js';
import '../modules/problems/model.js';
import '../modules/notifications/model.js';
import '../modules/notifications/webhooks/model.js';
import '../jobs/lease.js';
import '../modules/metrics/model.js';
import '../modules/agreements/model.js';
import '../modules/race/model.js';

export async function ensureIndexes(): Promise<void> {
  for (const model of Object.values(mongoose.models)) await model.init();
}
