/**
 * Data upgrades for databases written by an earlier version, run at start-up after the indexes
 * exist and before the API listens. Each step finds only the documents it has not upgraded yet,
 * so it is idempotent and costs one indexed or counted query once done.
 */
import { trusted, type Types } from 'mongoose';
import type { Logger } from '../lib/logger.js';
import { openDueOf } from '../modules/projects/derive.js';
import { NodeModel, ProjectModel } from '../modules/projects/model.js';

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

export async function runUpgrades(log: Logger): Promise<void> {
  await projectOpenDue(log);
  await dropSupersededIndexes(log);
}
