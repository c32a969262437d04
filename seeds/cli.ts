/**
 * `npm run seed` loads the demo district into the configured database (MONGODB_URI, or the
 * embedded one in DATA_DIR); `npm run seed -- --synthetic 10000` makes the scale dataset.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../api/src/config.js';
import { connectDatabase } from '../api/src/db/connection.js';
import { ensureIndexes } from '../api/src/db/indexes.js';
import { seedDemo } from './demo.js';
import { seedSynthetic } from './synthetic.js';

const { values } = parseArgs({ options: { synthetic: { type: 'string' }, 'data-dir': { type: 'string' } } });
const config = loadConfig();
const db = await connectDatabase({ uri: config.MONGODB_URI, dataDir: values['data-dir'] ?? config.DATA_DIR });
try {
  await ensureIndexes();
  if (values.synthetic) {
    const n = Number(values.synthetic);
    if (!Number.isInteger(n) || n < 1) throw new Error('--synthetic needs a positive number of projects');
    const t = Date.now();
    const r = await seedSynthetic(n, (m) => console.log(m));
    console.log(`synthetic dataset: ${r.projects} projects, ${r.nodes} nodes in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  } else {
    await seedDemo((m) => console.log(m));
    console.log('demo district loaded');
  }
} finally {
  await db.close();
}
