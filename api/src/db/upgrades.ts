/**
 * Data upgrades for databases written by an earlier version, run at start-up after the indexes
 * exist and before the API listens. Each step finds only the documents it has not upgraded yet,
 * so it is idempotent and costs one indexed or counted query once done.
 */
import { trusted, type Types } from 'mongoose';
import type { Logger } from '../lib/logger.js';
import { openDueOf } from '../modules/projects/derive.js';
import { NodeModel, ProjectModel } from '../modules/projects/model.js';
import { WebhookModel } from '../modules/notifications/webhooks/model.js';
import { hasSecretsKey, isSealed, seal } from '../lib/sealed.js';

const BATCH = 500;

/**
 * project.openDue (the earliest planned date of its open nodes, for today's light filters) did
 * not exist before; derive it from the nodes. A project that gained the field meanwhile (a node
 * written by a running API) is left as written.
 */
async function projectOpenDue(log: Logger): Promise<void> {
  let done = 0;
  for (;;) {
    const batch = (await ProjectModel.find({ openDue: trusted({ $exists: false }) }, { _id: 1 }).limit(BATCH).lean()) as { _id: Types.ObjectId }[];
    if (!batch.length) break;
    const ids = batch.map((p) => p._id);
    const nodes = (await NodeModel.find({ projectId: trusted({ $in: ids }) }, { projectId: 1, plannedDate: 1, closedOn: 1 }).lean()) as { projectId: Types.ObjectId; plannedDate: string; closedOn: string | null }[];
    const byProject = new Map<string, { plannedDate: string; closedOn: string | null }[]>();
    for (const n of nodes) {
      const key = n.projectId.toHexString();
      byProject.set(key, [...(byProject.get(key) ?? []), n]);
    }
    await ProjectModel.bulkWrite(
      ids.map((_id) => ({
        updateOne: { filter: { _id, openDue: trusted({ $exists: false }) }, update: { $set: { openDue: openDueOf(byProject.get(_id.toHexString()) ?? []) } } },
      })),
      { ordered: false },
    );
    done += ids.length;
  }
  if (done) log.info({ projects: done }, 'upgrade: derived each project’s earliest open deadline (openDue)');
}

/**
 * Indexes a later version replaced with a longer one (same leading fields, then `_id`): the
 * node deadline lists sort by {plannedDate, _id}. The new ones exist (ensureIndexes runs first),
 * so the old ones only cost every node write.
 */
const SUPERSEDED: Record<string, string[]> = { nodes: ['closedOn_1_plannedDate_1', 'unitId_1_closedOn_1_plannedDate_1'] };

async function dropSupersededIndexes(log: Logger): Promise<void> {
  for (const [collection, names] of Object.entries(SUPERSEDED)) {
    const coll = NodeModel.db.collection(collection);
    const existing = new Set((await coll.indexes()).map((ix) => ix.name));
    for (const name of names.filter((n) => existing.has(n))) {
      await coll.dropIndex(name);
      log.info({ collection, index: name }, 'upgrade: dropped an index a longer one replaced');
    }
  }
}

/**
 * Group robots' URLs and 加签 secrets stored plain (before SECRETS_KEY was set, or by a version
 * without sealing) are sealed once a key is set (lib/sealed.ts). Without a key, say what is
 * stored plain, and what cannot be opened.
 */
async function sealWebhookCredentials(log: Logger): Promise<void> {
  const hooks = (await WebhookModel.find({}, { url: 1, secret: 1 }).lean()) as { _id: Types.ObjectId; url: string; secret: string | null }[];
  const plain = hooks.filter((h) => !isSealed(h.url) || (h.secret !== null && !isSealed(h.secret)));
  if (!hasSecretsKey()) {
    if (plain.length) log.warn({ webhooks: plain.length }, 'group robot URLs and signing secrets are stored in plain text: set SECRETS_KEY to seal them');
    if (plain.length < hooks.length) log.error({ webhooks: hooks.length - plain.length }, 'sealed group robot credentials cannot be opened: SECRETS_KEY is not set');
    return;
  }
  for (const h of plain) {
    const set: Record<string, string> = {};
    if (!isSealed(h.url)) set.url = seal(h.url, 'webhook.url');
    if (h.secret !== null && !isSealed(h.secret)) set.secret = seal(h.secret, 'webhook.secret');
    // Only if still as read: an administrator's edit meanwhile is sealed already.
    await WebhookModel.updateOne({ _id: h._id, url: h.url, secret: h.secret }, { $set: set });
  }
  if (plain.length) log.info({ webhooks: plain.length }, 'upgrade: sealed group robot URLs and signing secrets under SECRETS_KEY');
}

export async function runUpgrades(log: Logger): Promise<void> {
  await projectOpenDue(log);
  await dropSupersededIndexes(log);
  await sealWebhookCredentials(log);
}
