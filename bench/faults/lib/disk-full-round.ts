/**
 * The data directory on a full disk: a small tmpfs mounted for the run (root only), the API on
 * the embedded durable database in it, a persistent stream of mutations; the rest of the tmpfs
 * is filled with a file until the kernel says ENOSPC. Writes go on until the journal's
 * preallocated space is used up and the API starts refusing; then the filler is removed, writes
 * must work again without a restart, and after a restart every acknowledged write is there.
 *
 * Shared by bench/faults/disk-full.ts and tests/faults.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { today } from '../../../api/src/domain/dates.js';
import { spawnApi, type ApiProcess } from '../../lib/api-process.js';
import { discoverTargets, loginFresh, MutationStream } from './stream.js';
import { verifyStream, type Verification } from './verify.js';

export const DISK_FULL_LIMITS = {
  /** A refused write is answered within this. */
  answerWithinMs: 5_000,
  /** Once space is freed, writes are acknowledged again within this (no restart). */
  recoverWithinMs: 15_000,
  /** Refusals to observe before freeing space. */
  refusals: 5,
};

export class CannotMount extends Error {}

/** Mounts a tmpfs of `mib` MiB at a new directory; throws CannotMount without the privilege. */
export function mountTmpfs(mib: number): { dir: string; unmount(): void } {
  const root = mkdtempSync(join(tmpdir(), 'zs-disk-full-'));
  const dir = join(root, 'mnt');
  mkdirSync(dir);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${mib}m,mode=0700`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (e) {
    rmSync(root, { recursive: true, force: true });
    throw new CannotMount(`cannot mount a tmpfs (run as root, or with CAP_SYS_ADMIN): ${String((e as { stderr?: Buffer }).stderr ?? (e as Error).message).trim()}`);
  }
  const unmount = () => {
    process.off('exit', unmount);
    try {
      execFileSync('umount', [dir], { stdio: 'pipe' });
    } catch {
      execFileSync('umount', ['-l', dir], { stdio: 'pipe' }); // something still holds it: detach lazily
    }
    rmSync(root, { recursive: true, force: true });
  };
  // An interrupted run must not leave the mount behind.
  process.once('exit', unmount);
  return { dir, unmount };
}

/** Writes a file until the file system refuses (ENOSPC), then with smaller chunks down to one page. */
export function fillDisk(path: string): number {
  const fd = openSync(path, 'w');
  let written = 0;
  try {
    for (let chunk = 1 << 20; chunk >= 4096; chunk >>= 2) {
      const buf = Buffer.alloc(chunk, 0x5a);
      for (;;) {
        try {
          written += writeSync(fd, buf);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw e;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return written;
}

export interface DiskFullResult {
  verification: Verification;
  ackedBeforeFull: number;
  ackedWhileFull: number;
  refusals: number;
  /** Answers to writes while the disk was full, by code. */
  codes: Record<string, number>;
  sampleMessage: string | null;
  slowestRefusalMs: number;
  readsWhileFull: { ok: number; failed: number };
  writableAfterFreeMs: number | null;
  apiSurvived: boolean;
  problems: string[];
}

export async function diskFullRound(opts: { log?: (m: string) => void; mib?: number } = {}): Promise<DiskFullResult> {
  const log = opts.log ?? (() => {});
  const mount = mountTmpfs(opts.mib ?? 32);
  const dataDir = join(mount.dir, 'data');
  const filler = join(mount.dir, 'filler');
  let api: ApiProcess | null = null;
  try {
    api = await spawnApi({ dataDir, env: { SEED_IF_EMPTY: '1', LOG_LEVEL: 'info', JOBS_ENABLED: '1' } });
    const targets = await discoverTargets(api.url, { followUps: 3, nodes: 2 });
    const reader = await loginFresh(api.url, 'lingdao');
    let phase: 'free' | 'full' | 'freed' = 'free';
    let freedAt = 0;
    let firstAckAfterFree: number | null = null;
    const counts = { ackedBeforeFull: 0, ackedWhileFull: 0, refusals: 0 };
    const codes: Record<string, number> = {};
    let sampleMessage: string | null = null;
    let slowestRefusalMs = 0;
    const stream = new MutationStream(targets, {
      prefix: `full-${randomBytes(4).toString('hex')}`,
      today: today(),
      persist: true,
      retryDelayMs: 100,
      timeoutMs: 60_000,
      refusedCodes: ['STORAGE_FULL'],
      onResult: (r) => {
        if (phase === 'free' && r.outcome === 'acked') counts.ackedBeforeFull++;
        if (phase === 'full') {
          if (r.outcome === 'acked') counts.ackedWhileFull++;
          else {
            counts.refusals++;
            codes[r.code ?? 'none'] = (codes[r.code ?? 'none'] ?? 0) + 1;
            sampleMessage ??= r.message ?? r.error ?? null;
            slowestRefusalMs = Math.max(slowestRefusalMs, r.ms);
          }
        }
        if (phase === 'freed' && r.outcome === 'acked' && firstAckAfterFree === null) firstAckAfterFree = Date.now();
      },
    });
    stream.start();
    await new Promise((r) => setTimeout(r, 3_000));

    const filled = fillDisk(filler);
    phase = 'full';
    log(`disk filled (${(filled / 1048576).toFixed(1)} MiB of filler, ${statfsSync(mount.dir).bavail} blocks left) after ${counts.ackedBeforeFull} acknowledged writes`);
    const readsWhileFull = { ok: 0, failed: 0 };
    const deadline = Date.now() + 90_000;
    while (counts.refusals < DISK_FULL_LIMITS.refusals && Date.now() < deadline && api.child.exitCode === null) {
      const r = await reader.gql<{ projects: { totalCount: number } }>(`{ projects(first: 5) { nodes { id name } totalCount } }`).catch(() => null);
      if (r?.status === 200 && r.data && !r.errors?.length) readsWhileFull.ok++;
      else readsWhileFull.failed++;
      await new Promise((res) => setTimeout(res, 200));
    }
    log(`${counts.refusals} writes refused, ${counts.ackedWhileFull} acknowledged from preallocated journal space; reads ${readsWhileFull.ok} ok, ${readsWhileFull.failed} failed`);

    rmSync(filler);
    phase = 'freed';
    freedAt = Date.now();
    while (firstAckAfterFree === null && Date.now() < freedAt + DISK_FULL_LIMITS.recoverWithinMs + 5_000) await new Promise((r) => setTimeout(r, 200));
    const record = await stream.stop();
    const apiSurvived = api.child.exitCode === null && api.child.signalCode === null;
    const apiErrors = api
      .output()
      .split('\n')
      .filter((l) => /"level":(50|60)/.test(l))
      .map((l) => (/"message":"([^"]*)"/.exec(l)?.[1] ?? l).slice(0, 200));
    log(`space freed: writes acknowledged again after ${firstAckAfterFree === null ? 'never' : `${firstAckAfterFree - freedAt} ms`}; restarting the API`);

    await api.stop();
    api = await spawnApi({ dataDir, env: { LOG_LEVEL: 'info', JOBS_ENABLED: '0' } });
    const verification = await verifyStream(api.embeddedUri(), record);

    const problems: string[] = [];
    if (!apiSurvived) problems.push('the API process exited while the disk was full');
    if (counts.refusals < DISK_FULL_LIMITS.refusals) problems.push(`only ${counts.refusals} writes refused in 90 s on a full disk`);
    const unclear = Object.keys(codes).filter((c) => c !== 'STORAGE_FULL');
    if (unclear.length) problems.push(`writes refused with other answers than STORAGE_FULL: ${JSON.stringify(codes)}; the API logged: ${[...new Set(apiErrors)].slice(0, 3).join(' | ')}`);
    if (sampleMessage && !/[\u4e00-\u9fff]/.test(sampleMessage)) problems.push(`the refusal is not in Chinese: ${sampleMessage}`);
    if (slowestRefusalMs > DISK_FULL_LIMITS.answerWithinMs) problems.push(`a refused write took ${slowestRefusalMs.toFixed(0)} ms`);
    if (readsWhileFull.failed) problems.push(`${readsWhileFull.failed} reads failed while the disk was full`);
    if (firstAckAfterFree === null) problems.push(`writes not acknowledged within ${DISK_FULL_LIMITS.recoverWithinMs} ms of freeing space`);
    problems.push(...verification.problems);
    return {
      verification,
      ...counts,
      codes,
      sampleMessage,
      slowestRefusalMs,
      readsWhileFull,
      writableAfterFreeMs: firstAckAfterFree === null ? null : firstAckAfterFree - freedAt,
      apiSurvived,
      problems,
    };
  } finally {
    await api?.stop();
    mount.unmount();
  }
}
