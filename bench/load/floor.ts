/**
 * What the API's stack costs before any of its own work, one layer at a time, in one run:
 *
 *   npx tsx bench/load/floor.ts [--requests 2000]
 *
 * Each layer of bench/load/floor-server.ts (node:http; express with helmet and express.json;
 * Apollo Server; sessions and the signed-in user on the embedded database) and then the real API
 * (compiled, production mode, the demo district) answer the client's `viewer` query, one request
 * at a time. Printed per layer: the CPU the server process spent per request (all threads, and
 * its main thread alone, from /proc) and the answer time. The main thread is where the load mix
 * queues (bench/load/cost.ts), so its floor bounds what any request of the mix can cost. Last,
 * the cost of one driver round trip to the embedded database on its thread, in this process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ObjectId } from 'mongodb';
import { ViewerDocument } from '../../client/src/gql/graphql.js';
import { connectDatabase } from '../../api/src/db/connection.js';
import { killGroup, REPO_ROOT } from '../../tests/testkit/db-process.js';
import { exitOnSignals, spawnApi } from '../lib/api-process.js';
import { httpPost, login, queryText } from '../lib/gql-client.js';
import { processCpuMs } from '../lib/proc-cpu.js';
import { fmtMs, quantile, table } from '../lib/report.js';
import { tempDir } from '../lib/temp.js';
import { LAYERS, type Layer } from './floor-server.js';

exitOnSignals();
const { values } = parseArgs({ options: { requests: { type: 'string', default: '2000' } } });
const requests = Number(values.requests);
if (!(Number.isInteger(requests) && requests > 0)) {
  console.error('usage: npx tsx bench/load/floor.ts [--requests n]');
  process.exit(2);
}
const { API_NODE_FLAGS } = (await import(join(REPO_ROOT, 'scripts/build-api.mjs'))) as { API_NODE_FLAGS: string[] };

const LABELS: Record<Layer | 'api', string> = {
  http: 'node:http alone',
  express: '+ express, helmet, request id, express.json',
  apollo: '+ Apollo Server (viewer from a constant)',
  session: '+ session and user read on the embedded database',
  api: 'the API: client’s viewer query, demo district',
};

interface Measured {
  all: number;
  main: number;
  p50: number;
}

async function measure(pid: number, url: string, body: string, cookie: string): Promise<Measured> {
  const send = async () => {
    const t = performance.now();
    const r = await httpPost(url, body, { 'content-type': 'application/json', cookie });
    if (r.status !== 200 || r.text.includes('"errors"') || !r.text.includes('"viewer":{')) throw new Error(`unexpected answer ${r.status}: ${r.text.slice(0, 200)}`);
    return performance.now() - t;
  };
  for (let i = 0; i < Math.min(300, requests); i++) await send();
  const before = processCpuMs(pid);
  const times: number[] = [];
  for (let i = 0; i < requests; i++) times.push(await send());
  const after = processCpuMs(pid);
  return { all: (after.all - before.all) / requests, main: (after.main - before.main) / requests, p50: quantile(times, 0.5) };
}

function startLayer(layer: Layer): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [...API_NODE_FLAGS, '--import', 'tsx', join(REPO_ROOT, 'bench/load/floor-server.ts'), layer], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn' },
  });
  process.once('exit', () => killGroup(child));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (s: string) => {
      out += s;
      const m = /port (\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.once('exit', (code) => reject(new Error(`${layer} server exited with ${code}: ${out}`)));
  });
}

const body = JSON.stringify({ query: queryText(ViewerDocument), variables: {} });
const results = new Map<Layer | 'api', Measured>();
for (const layer of LAYERS) {
  const { child, port } = await startLayer(layer);
  const url = `http://127.0.0.1:${port}`;
  let cookie = '';
  if (layer === 'session') {
    const r = await httpPost(`${url}/login`, '{}', { 'content-type': 'application/json' });
    cookie = String(r.headers['set-cookie']).split(';')[0];
  }
  const q = layer === 'http' || layer === 'express' ? body : JSON.stringify({ query: '{ viewer { id name role } }' });
  results.set(layer, await measure(child.pid!, `${url}/graphql`, q, cookie));
  console.log(`[floor] ${layer} measured`);
  killGroup(child);
}

const data = tempDir('zs-floor-');
const api = await spawnApi({ dataDir: join(data.path, 'data'), compiled: true, env: { SEED_IF_EMPTY: '1' } });
try {
  const session = await login(api.url, 'zhaoshang', 'Demo@2026');
  results.set('api', await measure(api.pid, `${api.url}/graphql`, body, session.cookie));
} finally {
  await api.stop();
  data.remove();
}

// One database round trip through the driver, in this process: the unit the API's requests are
// made of (2–12 of them per request of the mix).
const db = await connectDatabase({ memory: true, thread: true, dbName: 'floor' });
const roundTrips: string[][] = [];
for (const [label, run] of [
  ['ping', () => db.connection.db!.command({ ping: 1 })],
  ['findOne by _id', () => db.connection.db!.collection('users').findOne({ _id: new ObjectId() })],
] as const) {
  const n = requests * 5;
  for (let i = 0; i < 500; i++) await run();
  const before = processCpuMs(process.pid);
  const t = performance.now();
  for (let i = 0; i < n; i++) await run();
  const wall = (performance.now() - t) / n;
  const after = processCpuMs(process.pid);
  roundTrips.push([label, `${((1000 * (after.all - before.all)) / n).toFixed(0)} µs`, `${((1000 * (after.main - before.main)) / n).toFixed(0)} µs`, `${(1000 * wall).toFixed(0)} µs`]);
}
await db.close();

const api1 = results.get('api')!;
console.log(`\n${requests} requests per layer, one at a time:\n`);
console.log(
  table(
    ['layer', 'CPU / request', 'main thread', 'main thread / the API’s', 'p50'],
    [...results].map(([k, m]) => [LABELS[k], `${m.all.toFixed(2)} ms`, `${m.main.toFixed(2)} ms`, `${((100 * m.main) / api1.main).toFixed(0)}%`, fmtMs(m.p50)]),
  ),
);
console.log(`\none driver round trip to the embedded database on its thread, ${requests * 5} in a row:\n`);
console.log(table(['command', 'CPU', 'main thread', 'answer time'], roundTrips));
process.exit(0);
