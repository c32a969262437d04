/**
 * Embedded database benchmark through mongoose: durable mode (journal + fdatasync in a temp
 * data directory) against memory mode, in one run, plus the memory footprint of 100,000
 * documents in a separate server process.
 *
 *   npx tsx bench/db.bench.ts
 *
 * The operation benchmarks run the server in this process (startEmbedded), as the API does
 * by default; a separate server process roughly halves sequential rates (see
 * /work/shared/notes/embedded-mongo.md). Memory is measured from outside, on the CLI
 * process, because this process's own heap would drown the figure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import mongoose, { type Model } from 'mongoose';
import { BSON, MongoClient, type ObjectId } from 'mongodb';
import { startEmbedded } from '../api/src/db/embedded/index.js';
import { rssOf, spawnServer } from '../tests/testkit/db-process.js';
import { projectDoc, projectSchema, storedProjectDoc, type BenchProject } from './lib/fixtures.js';
import { fmtMB, fmtMs, fmtRate, quantile, table, timed } from './lib/report.js';

/** BENCH_SCALE=0.05 shrinks every count, for a quick smoke run of the benchmark itself. */
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const n = (count: number) => Math.max(1, Math.round(count * SCALE));
const SEQ_CREATES = n(5_000);
const CONC_CREATES = n(10_000);
const WRITERS = 50;
const READS = n(5_000);
const UPDATES = n(5_000);
const BIG = n(100_000);
const LOOKUPS = n(2_000);
const LOAD_BATCH = Math.min(5_000, BIG);
/** How long the memory-measured server idles before its settled RSS is read. */
const IDLE_MS = SCALE < 1 ? 1_000 : 20_000;

type Mode = 'memory' | 'durable';
interface ModeResult {
  createSeq: number;
  createConc: number;
  findById: number;
  updateOne: number;
  loadDocsPerSec: number;
  lookupMedianMs: number;
  lookupP95Ms: number;
  /** Share of one core this process got while running the mode (client and server share it). */
  cpuShare: number;
}

async function runMode(mode: Mode): Promise<ModeResult> {
  const dbpath = mode === 'durable' ? mkdtempSync(join(tmpdir(), 'zs-bench-')) : undefined;
  const server = await startEmbedded(dbpath ? { port: 0, host: '127.0.0.1', dbpath } : { port: 0, host: '127.0.0.1', memory: true });
  const conn = await mongoose.createConnection(server.uri, { dbName: 'bench', maxPoolSize: WRITERS + 10 }).asPromise();
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  try {
    const Project: Model<BenchProject> = conn.model<BenchProject>('Project', projectSchema, 'projects');
    await Project.init();
    for (let i = 0; i < 300; i++) await Project.create(projectDoc('warm', i)); // JIT and pools

    const ids: ObjectId[] = [];
    const seqMs = await timed(async () => {
      for (let i = 0; i < SEQ_CREATES; i++) ids.push((await Project.create(projectDoc('seq', i)))._id);
    });

    let next = 0;
    const concMs = await timed(() =>
      Promise.all(
        Array.from({ length: WRITERS }, async () => {
          while (next < CONC_CREATES) await Project.create(projectDoc('conc', next++));
        }),
      ),
    );

    const readMs = await timed(async () => {
      for (let i = 0; i < READS; i++) {
        const doc = await Project.findById(ids[(i * 7919) % ids.length]).lean();
        if (!doc) throw new Error('findById found nothing');
      }
    });

    const updMs = await timed(async () => {
      for (let i = 0; i < UPDATES; i++) await Project.updateOne({ _id: ids[(i * 104_729) % ids.length] }, { $inc: { counter: 1 } });
    });

    const Big: Model<BenchProject> = conn.model<BenchProject>('Big', projectSchema, 'projects_big');
    await Big.init();
    const loadMs = await timed(async () => {
      for (let start = 0; start < BIG; start += LOAD_BATCH) {
        const batch = Array.from({ length: Math.min(LOAD_BATCH, BIG - start) }, (_, k) => storedProjectDoc('big', start + k));
        await Big.collection.insertMany(batch);
      }
    });
    const samples: number[] = [];
    for (let i = 0; i < LOOKUPS; i++) {
      const code = projectDoc('big', (i * 48_611) % BIG).code;
      const t0 = performance.now();
      const doc = await Big.findOne({ code }).lean();
      samples.push(performance.now() - t0);
      if (doc?.code !== code) throw new Error(`indexed lookup of ${code} failed`);
    }

    const cpu = process.cpuUsage(cpuStart);
    return {
      cpuShare: (cpu.user + cpu.system) / 1000 / (performance.now() - wallStart),
      createSeq: (SEQ_CREATES * 1000) / seqMs,
      createConc: (CONC_CREATES * 1000) / concMs,
      findById: (READS * 1000) / readMs,
      updateOne: (UPDATES * 1000) / updMs,
      loadDocsPerSec: (BIG * 1000) / loadMs,
      lookupMedianMs: quantile(samples, 0.5),
      lookupP95Ms: quantile(samples, 0.95),
    };
  } finally {
    await conn.close();
    await server.stop();
    if (dbpath) rmSync(dbpath, { recursive: true, force: true });
  }
}

interface MemoryResult {
  rssBefore: number;
  /** 3 s after the last insert. */
  rssAfterLoad: number;
  /** After IDLE_MS more of idling. */
  rssSettled: number;
  bsonBytes: number;
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** RSS of a separate memory-mode server before and after loading BIG documents. */
async function measureMemory(): Promise<MemoryResult> {
  const server = await spawnServer({ memory: true });
  const client = new MongoClient(server.uri);
  try {
    await client.connect();
    const coll = client.db('bench').collection<BenchProject>('projects_big');
    await coll.createIndex({ code: 1 }, { unique: true });
    await coll.createIndex({ platform: 1 });
    await settle(1_500);
    const rssBefore = await rssOf(server.pid);
    let bsonBytes = 0;
    for (let start = 0; start < BIG; start += LOAD_BATCH) {
      const batch = Array.from({ length: Math.min(LOAD_BATCH, BIG - start) }, (_, k) => storedProjectDoc('mem', start + k));
      for (const doc of batch) bsonBytes += BSON.calculateObjectSize(doc);
      await coll.insertMany(batch);
    }
    if ((await coll.estimatedDocumentCount()) !== BIG) throw new Error('memory measurement: load incomplete');
    await settle(3_000);
    const rssAfterLoad = await rssOf(server.pid);
    // V8's memory reducer collects in a few rounds once allocation stops; an idle server
    // holding its data is the steady state that matters.
    await settle(IDLE_MS);
    return { rssBefore, rssAfterLoad, rssSettled: await rssOf(server.pid), bsonBytes };
  } finally {
    await client.close();
    await server.stop();
  }
}

const check = (ok: boolean) => (ok ? 'ok' : 'MISSED');

async function main() {
  console.log(
    `Embedded database benchmark — node ${process.version}, ${cpus().length} CPU(s), load average ${loadavg()[0].toFixed(1)}, ${new Date().toISOString()}`,
  );
  console.log('Running memory mode…');
  const mem = await runMode('memory');
  console.log('Running durable mode…');
  const dur = await runMode('durable');
  console.log('Measuring resident memory of a separate server process…');
  const rss = await measureMemory();

  const ratio = (d: number, m: number) => (d / m).toFixed(2);
  const rows: string[][] = [
    [`Model.create sequential (${SEQ_CREATES.toLocaleString('en-US')})`, fmtRate(mem.createSeq), fmtRate(dur.createSeq), ratio(dur.createSeq, mem.createSeq), '≥ 1,500/s', check(dur.createSeq >= 1_500)],
    [`Model.create ${WRITERS} writers (${CONC_CREATES.toLocaleString('en-US')})`, fmtRate(mem.createConc), fmtRate(dur.createConc), ratio(dur.createConc, mem.createConc), '≥ 5,000/s', check(dur.createConc >= 5_000)],
    [`findById().lean() (${READS.toLocaleString('en-US')})`, fmtRate(mem.findById), fmtRate(dur.findById), ratio(dur.findById, mem.findById), '', ''],
    [`updateOne $inc by _id (${UPDATES.toLocaleString('en-US')})`, fmtRate(mem.updateOne), fmtRate(dur.updateOne), ratio(dur.updateOne, mem.updateOne), '', ''],
    [`load ${BIG.toLocaleString('en-US')} docs (insertMany ${LOAD_BATCH.toLocaleString('en-US')})`, fmtRate(mem.loadDocsPerSec), fmtRate(dur.loadDocsPerSec), ratio(dur.loadDocsPerSec, mem.loadDocsPerSec), '', ''],
    [`indexed find among ${BIG.toLocaleString('en-US')}, median`, fmtMs(mem.lookupMedianMs), fmtMs(dur.lookupMedianMs), ratio(dur.lookupMedianMs, mem.lookupMedianMs), '≤ 1 ms', check(dur.lookupMedianMs <= 1)],
    [`indexed find among ${BIG.toLocaleString('en-US')}, p95`, fmtMs(mem.lookupP95Ms), fmtMs(dur.lookupP95Ms), ratio(dur.lookupP95Ms, mem.lookupP95Ms), '', ''],
  ];
  console.log();
  console.log(table(['operation (through mongoose)', 'memory', 'durable', 'durable/memory', 'target (durable)', ''], rows));
  // On a shared machine the figures above measure the machine as much as the server.
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  console.log(
    `\nCPU this process got (client + server): memory mode ${pct(mem.cpuShare)}, durable mode ${pct(dur.cpuShare)} of one core; ` +
      `load average now ${loadavg()[0].toFixed(1)} on ${cpus().length} CPU(s)` +
      (loadavg()[0] > cpus().length ? ' — the machine is oversubscribed: rates are depressed accordingly.' : '.'),
  );

  const growth = rss.rssSettled - rss.rssBefore;
  console.log();
  console.log(
    table(
      ['resident memory, separate memory-mode server', 'value', 'target', ''],
      [
        [`BSON size of ${BIG.toLocaleString('en-US')} documents`, fmtMB(rss.bsonBytes), '', ''],
        ['RSS before load', fmtMB(rss.rssBefore), '', ''],
        ['RSS 3 s after load', fmtMB(rss.rssAfterLoad), '', ''],
        [`RSS settled (${IDLE_MS / 1000} s idle)`, fmtMB(rss.rssSettled), '', ''],
        ['settled RSS growth / BSON size', `${(growth / rss.bsonBytes).toFixed(2)}×`, '≤ 4×', check(growth <= 4 * rss.bsonBytes)],
        ['settled RSS / BSON size', `${(rss.rssSettled / rss.bsonBytes).toFixed(2)}×`, '', ''],
      ],
    ),
  );
}

await main();
