import { ProjectModel, type ProjectDoc } from './model.js';
import { tiersOf } from './derive.js';
import { toProject } from './repository.js';
import type { Settings } from '../settings/service.js';

/** After a threshold change, re-derive every project's stored tier flags (used only to filter). */
export async function recomputeTiers(s: Settings): Promise<number> {
  let changed = 0;
  const cursor = ProjectModel.find({}, { totalInvestment: 1, foreignInvestment: 1, tiers: 1 }).lean().cursor();
  let batch: { updateOne: { filter: object; update: object } }[] = [];
  for await (const d of cursor as AsyncIterable<ProjectDoc>) {
    const tiers = tiersOf(toProject(d), s);
    if (JSON.stringify(tiers) !== JSON.stringify(d.tiers)) {
      batch.push({ updateOne: { filter: { _id: d._id }, update: { $set: { tiers } } } });
      changed++;
    }
    if (batch.length >= 500) {
      await ProjectModel.bulkWrite(batch as never);
      batch = [];
    }
  }
  if (batch.length) await ProjectModel.bulkWrite(batch as never);
  return changed;
}
