/**
 * The database side of the benches that measure the API as deployed: the embedded server in a
 * process of its own (in memory, standing in for an external MongoDB), the synthetic dataset
 * written by a separate seeding process, and the bench's one user.
 */
import { spawnSync } from 'node:child_process';
import { connectDatabase } from '../../api/src/db/connection.js';
import { ensureIndexes } from '../../api/src/db/indexes.js';
import { createUser } from '../../seeds/factories.js';
import { REPO_ROOT, spawnServer, type ServerProcess } from '../../tests/testkit/db-process.js';

/** Starts the server with `projects` synthetic projects in database `dbName`; the caller stops it. */
export async function seededDatabase(dbName: string, projects: number, user: Parameters<typeof createUser>[0]): Promise<{ server: ServerProcess; uri: string }> {
  const server = await spawnServer({ memory: true });
  try {
    const url = new URL(server.uri);
    url.pathname = `/${dbName}`;
    const uri = url.toString();
    const seeding = spawnSync(process.execPath, ['--import', 'tsx', 'seeds/cli.ts', '--synthetic', String(projects)], { cwd: REPO_ROOT, env: { ...process.env, MONGODB_URI: uri }, encoding: 'utf8' });
    if (seeding.status !== 0) throw new Error(`seeding failed: ${seeding.stderr || seeding.stdout}`);
    console.log(seeding.stdout.trim().split('\n').pop(), `(database in process ${server.pid})`);
    const db = await connectDatabase({ uri });
    try {
      await ensureIndexes();
      await createUser(user);
    } finally {
      await db.close();
    }
    return { server, uri };
  } catch (e) {
    await server.stop();
    throw e;
  }
}
