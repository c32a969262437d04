/**
 * Child-process entry that builds the load dataset in a data directory (the API must not be
 * running on it: the directory is locked by whoever opens it):
 *
 *   node --import tsx bench/load/seed.ts <dataDir> <projects>
 *
 * The synthetic district (seeds/synthetic.ts) unless it is already there, then the load users.
 * Prints one JSON line `{"projects":…,"users":[{username, role}…]}` at the end.
 */
import { connectDatabase } from '../../api/src/db/connection.js';
import { ensureIndexes } from '../../api/src/db/indexes.js';
import { ProjectModel } from '../../api/src/modules/projects/model.js';
import { seedReference } from '../../seeds/factories.js';
import { seedSynthetic } from '../../seeds/synthetic.js';
import { seedLoadUsers } from './users.js';

const [dataDir, n] = [process.argv[2], Number(process.argv[3])];
if (!dataDir || !Number.isInteger(n) || n < 1) {
  console.error('usage: node --import tsx bench/load/seed.ts <dataDir> <projects>');
  process.exit(2);
}
const db = await connectDatabase({ dataDir });
try {
  await ensureIndexes();
  const have = await ProjectModel.estimatedDocumentCount();
  if (have === 0) {
    const t = Date.now();
    const r = await seedSynthetic(n, (m) => process.stderr.write(`\r${m}   `));
    process.stderr.write(`\nsynthetic dataset: ${r.projects} projects, ${r.nodes} nodes in ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
  } else if (have !== n) {
    throw new Error(`${dataDir} holds ${have} projects, not ${n}: use another directory or --fresh`);
  }
  const users = await seedLoadUsers(await seedReference(), n);
  console.log(JSON.stringify({ projects: n, users }));
} finally {
  await db.close();
}
