/**
 * Query-planner benchmark of the embedded server: the shapes that made it the bottleneck under
 * the load benchmark (project lists scoped by a `$or` of unit/platform with a sort and a limit,
 * their counts, the open-as-of node lists and distinct), over synthetic data of the load's size
 * (10,000 projects, 120,000 nodes) in a memory server in this process.
 *
 *   npx tsx bench/planner.bench.ts
 *
 * Prints, per shape, the median time of a command, the plan's keys and documents examined
 * (find shapes) and, for comparison, the median of the same find or distinct forced to a
 * collection scan (`hint: {$natural: 1}`).
 */
import { MongoClient, type Document } from 'mongodb';
import { startEmbedded } from '../api/src/db/embedded/index.js';
import { fmtMs, table } from './lib/report.js';

const PROJECTS = 10_000;
const NODES_PER_PROJECT = 12;
const RUNS = 9;
const units = Array.from({ length: 12 }, (_, i) => `u${i}`);
const platforms = Array.from({ length: 8 }, (_, i) => `p${i}`);
const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

const server = await startEmbedded({ memory: true });
const client = await MongoClient.connect(server.uri);
const db = client.db('bench');
const projects = db.collection('projects');
const nodes = db.collection('nodes');

await projects.insertMany(
  Array.from({ length: PROJECTS }, (_, i) => ({
    code: `SYN${String(i).padStart(6, '0')}`,
    name: `Project ${i}`,
    investor: `Investor ${i % 700}`,
    platformId: platforms[i % platforms.length],
    // u0 (the land bureau) is in every project, the others in a few.
    unitIds: ['u0', units[1 + (i % 11)], ...(i % 5 === 0 ? [units[1 + ((i * 7) % 11)]] : [])],
    tiers: i % 3 === 0 ? ['OVER_100M'] : ['UNDER_100M'],
    stage: ['SIGNED', 'BUILDING', 'IN_PRODUCTION'][i % 3],
    totalInvestment: (i * 7919) % 100_000,
    signedOn: day(i % 700),
    updatedAt: new Date(Date.UTC(2026, 0, 1) + ((i * 104_729) % 1_000_000) * 1000),
  })),
);
for (const spec of <Record<string, 1 | -1>[]>[{ platformId: 1, code: 1 }, { stage: 1, code: 1 }, { totalInvestment: -1, _id: 1 }, { signedOn: -1, _id: 1 }, { updatedAt: -1, _id: 1 }, { unitIds: 1, code: 1 }, { tiers: 1, code: 1 }]) {
  await projects.createIndex(spec);
}
await projects.createIndex({ code: 1 }, { unique: true });
const projectIds = (await projects.find({}, { projection: { _id: 1 } }).toArray()).map((p) => p._id);
for (let start = 0; start < projectIds.length; start += 1000) {
  await nodes.insertMany(
    projectIds.slice(start, start + 1000).flatMap((projectId, p) =>
      Array.from({ length: NODES_PER_PROJECT }, (_, k) => {
        const i = (start + p) * NODES_PER_PROJECT + k;
        const closed = k < 9 && i % 4 !== 0;
        return { projectId, order: k, unitId: units[i % 5], plannedDate: day((i * 13) % 900), closedOn: closed ? day((i * 7) % 330) : null };
      }),
    ),
  );
}
for (const spec of <Record<string, 1 | -1>[]>[{ projectId: 1, order: 1 }, { closedOn: 1, plannedDate: 1, _id: 1 }, { unitId: 1, closedOn: 1, plannedDate: 1, _id: 1 }]) await nodes.createIndex(spec);

const today = day(330);
const until = day(320);
const open = { $or: [{ closedOn: null }, { closedOn: { $gt: today } }] };
const scope = (u: string) => ({ $or: [{ unitIds: u }, { platformId: u }] });
const text = { $or: [{ code: { $regex: '0012' } }, { name: { $regex: '0012' } }, { investor: { $regex: '0012' } }] };
const inPlatform = projectIds.filter((_, i) => i % platforms.length === 0);

const shapes: [string, Document][] = [
  ['1 find, broad $or, tiers, sort code', { find: 'projects', filter: { $and: [scope('u0'), { tiers: { $in: ['OVER_100M'] } }] }, sort: { code: 1 }, limit: 21 }],
  ['1 find, broad $or, stage, sort updatedAt', { find: 'projects', filter: { $and: [scope('u0'), { stage: { $in: ['SIGNED', 'BUILDING'] } }] }, sort: { updatedAt: -1, _id: 1 }, limit: 21 }],
  ['1 find, broad $or, text, sort investment', { find: 'projects', filter: { $and: [scope('u0'), text] }, sort: { totalInvestment: -1, _id: 1 }, limit: 21 }],
  ['1 find, narrow $or, sort signedOn', { find: 'projects', filter: { $and: [scope('u7'), { tiers: { $in: ['OVER_100M'] } }] }, sort: { signedOn: -1, _id: 1 }, limit: 21 }],
  ['2 $count, broad $or, tiers', { aggregate: 'projects', pipeline: [{ $match: { $and: [scope('u0'), { tiers: { $in: ['OVER_100M'] } }] } }, { $count: 'n' }], cursor: {} }],
  ['2 $group count, broad $or, text', { aggregate: 'projects', pipeline: [{ $match: { $and: [scope('u0'), text] } }, { $group: { _id: 1, n: { $sum: 1 } } }], cursor: {} }],
  ['3 distinct projectId, open and due', { distinct: 'nodes', key: 'projectId', query: { ...open, plannedDate: { $lte: until } } }],
  ['4 find, open, unit, $nin', { find: 'nodes', filter: { ...open, unitId: 'u1', projectId: { $nin: projectIds.slice(0, 3) } }, sort: { plannedDate: 1, _id: 1 }, limit: 50 }],
  ['4 find, open, due, $in 1,250', { find: 'nodes', filter: { ...open, plannedDate: { $lte: until }, projectId: { $in: inPlatform } }, sort: { plannedDate: 1, _id: 1 }, limit: 50 }],
  ['4 count, open, due, $in 1,250', { aggregate: 'nodes', pipeline: [{ $match: { ...open, plannedDate: { $lte: until }, projectId: { $in: inPlatform } } }, { $group: { _id: null, n: { $sum: 1 } } }], cursor: {} }],
];

async function median(cmd: Document): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await db.command(cmd);
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[RUNS >> 1];
}

const rows: string[][] = [];
for (const [name, cmd] of shapes) {
  const ms = await median(cmd);
  // aggregate takes no hint here: no scan figure for it.
  const scan = cmd.aggregate ? null : await median({ ...cmd, hint: { $natural: 1 } });
  let examined = '';
  if (cmd.find) {
    const e = await db.command({ explain: cmd, verbosity: 'executionStats' });
    examined = `${e.executionStats.totalKeysExamined} / ${e.executionStats.totalDocsExamined}`;
  }
  rows.push([name, fmtMs(ms), examined, scan === null ? '' : fmtMs(scan), scan === null ? '' : `${(scan / ms).toFixed(1)}×`]);
}
console.log(`\n${PROJECTS} projects, ${PROJECTS * NODES_PER_PROJECT} nodes; median of ${RUNS} runs\n`);
console.log(table(['shape', 'planned', 'keys / docs', 'collection scan', 'speed-up'], rows));
await client.close();
await server.stop();
