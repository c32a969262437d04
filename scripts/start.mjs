// `npm start`: the whole product on one port. Installs dependencies and builds the client on a
// fresh clone, compiles the API to JavaScript (under a second, every time, so it is never stale),
// then runs it: it serves the built client, uses the embedded database when MONGODB_URI is unset
// and seeds the demo district into an empty database.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (args) => {
  const r = spawnSync(npm, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) run(['ci', '--no-audit', '--no-fund']);
if (!existsSync(join(root, 'client', 'dist', 'index.html'))) run(['run', 'build', '-w', 'client']);
const { buildApi, API_NODE_FLAGS } = await import('./build-api.mjs');
const { main } = await buildApi();

const child = spawn(process.execPath, [...API_NODE_FLAGS, main], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, SEED_IF_EMPTY: process.env.SEED_IF_EMPTY ?? '1' },
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
