/**
 * Where the API's CPU went, from a V8 .cpuprofile (`bench/load/run.ts --profile DIR`):
 *
 *   npx tsx bench/load/profile-summary.ts <file.cpuprofile> [--top 25]
 *
 * Self time per package (node_modules/<name>, our own folders under api/src, node internals)
 * and per function, as shares of the samples taken.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { table } from '../lib/report.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
if (!positionals[0]) {
  console.error('usage: npx tsx bench/load/profile-summary.ts <file.cpuprofile> [--top N]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(positionals[0], 'utf8')) as { nodes: ProfileNode[] };
const top = Number(values.top);

/** node_modules/<pkg>, api/src/<folder>[/<sub>], or what V8 calls it. */
function area(url: string, fn: string): string {
  if (!url) return fn === '(garbage collector)' || fn === '(idle)' || fn === '(program)' ? fn : '(native)';
  const mod = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (mod) return mod[1];
  const own = /\/api\/src\/((?:db\/embedded\/[^/]+)|(?:modules\/[^/]+)|[^/]+)/.exec(url);
  if (own) return `api/src/${own[1].replace(/\.ts$/, '')}`;
  if (url.startsWith('node:')) return 'node internals';
  return url.replace(/^file:\/\/\/work\/main\//, '');
}

const total = profile.nodes.reduce((s, n) => s + (n.hitCount ?? 0), 0);
const byArea = new Map<string, number>();
const byFn = new Map<string, number>();
for (const n of profile.nodes) {
  const hits = n.hitCount ?? 0;
  if (!hits) continue;
  const a = area(n.callFrame.url, n.callFrame.functionName);
  byArea.set(a, (byArea.get(a) ?? 0) + hits);
  const where = n.callFrame.url ? `${n.callFrame.url.replace(/^.*\/(node_modules|api\/src)\//, '$1/')}:${n.callFrame.lineNumber + 1}` : '';
  const key = `${n.callFrame.functionName || '(anonymous)'} ${where}`.trim();
  byFn.set(key, (byFn.get(key) ?? 0) + hits);
}
const rows = (m: Map<string, number>) =>
  [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, v]) => [k, `${((100 * v) / total).toFixed(1)}%`]);
const idle = byArea.get('(idle)') ?? 0;
console.log(`${total} samples, ${((100 * idle) / total).toFixed(1)}% idle\n`);
console.log(table(['self time by area', 'share'], rows(byArea)));
console.log('');
console.log(table(['self time by function', 'share'], rows(byFn)));
