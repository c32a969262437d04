/**
 * Entry point: configuration, database (embedded when MONGODB_URI is unset), indexes, demo data
 * on an empty database when asked, HTTP server, scheduled jobs, graceful shutdown.
 */
import { loadConfig } from './config.js';
import { createLogger } from './lib/logger.js';
import { connectDatabase } from './db/connection.js';
import { ensureIndexes } from './db/indexes.js';
import { runUpgrades } from './db/upgrades.js';
import { createApp } from './server.js';
import { startJobs, stopJobs } from './jobs/index.js';
import { UserModel } from './modules/users/model.js';
import { setSecretsKey } from './lib/sealed.js';

const config = loadConfig();
const log = createLogger(config.LOG_LEVEL);
// Before the upgrades: they seal robot credentials stored plain once a key is set.
setSecretsKey(config.SECRETS_KEY);

const db = await connectDatabase({
  uri: config.MONGODB_URI,
  dataDir: config.DATA_DIR,
  log,
  // The embedded database on its own thread: the API and it then use two cores.
  thread: true,
  onDatabaseLost: (e) => {
    log.fatal({ err: e }, 'the embedded database stopped unexpectedly; exiting');
    process.exit(1);
  },
});
await ensureIndexes();
await runUpgrades(log);
if (config.SEED_IF_EMPTY === '1' && !(await UserModel.exists({}))) {
  log.info('empty database: loading the demo district');
  const { seedDemo } = await import('../../seeds/demo.js');
  await seedDemo((m) => log.info(m));
}
const { app } = await createApp({ config, log, connection: db.connection });
const server = app.listen(config.PORT, config.HOST, () => {
  log.info({ port: config.PORT, database: config.MONGODB_URI ? 'external' : `embedded (${config.DATA_DIR})` }, `招商项目全周期管理 listening on http://localhost:${config.PORT}`);
  // Reminders, digests, snapshots, webhooks: leases in MongoDB let one process run each.
  startJobs({ log });
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down');
  server.close();
  server.closeAllConnections?.();
  try {
    await stopJobs();
    await db.close();
  } finally {
    process.exit(0);
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
