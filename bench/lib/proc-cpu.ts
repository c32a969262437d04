/** CPU time of a process read from /proc (Linux), for benchmarks that measure another process. */
import { readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** User + system CPU in ms from a /proc stat file (a process's, or one of its threads'). */
function statCpuMs(path: string): number {
  const stat = readFileSync(path, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime, stime (fields 14, 15)
}

/**
 * CPU of the whole process (every thread) and of its main thread (the one whose id is the pid:
 * in a Node.js process, the JavaScript main thread), in ms.
 */
export function processCpuMs(pid: number): { all: number; main: number } {
  return { all: statCpuMs(`/proc/${pid}/stat`), main: statCpuMs(`/proc/${pid}/task/${pid}/stat`) };
}
