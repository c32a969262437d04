// Compiles the API (api/src) and the demo seeds it loads (seeds/) to JavaScript in dist/,
// file by file with esbuild (types are checked by `npm run typecheck`, not here), and copies
// the GraphQL schema beside them, so production runs `node dist/api/src/main.js` with no
// TypeScript compiler in the process: it starts faster and holds less memory than under tsx.
// The tree keeps its shape (dist/api/src, dist/seeds, dist/schema), so relative paths hold.
import { build } from 'esbuild';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist');

/**
 * The Node flags the compiled API runs with: `npm start` (scripts/start.mjs), the Dockerfile
 * (which repeats them) and the benchmarks that run the API as deployed. A 32 MB semi-space
 * (Node's default is 16) lets a 台账 export's batches die young instead of being promoted to the
 * old generation: back-to-back 10,000-row exports peak at ~200 MB resident instead of
 * 315–340 MB, in about the same time (bench/export.bench.ts, 4 runs each).
 */
export const API_NODE_FLAGS = ['--enable-source-maps', '--max-semi-space-size=32'];

function tsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/**
 * Compiles into `outDir` (default dist/). It must lie inside the project, so that the compiled
 * files find node_modules by walking up. Resolves with the path of the compiled main.js.
 */
export async function buildApi(outDir = out) {
  const started = Date.now();
  rmSync(outDir, { recursive: true, force: true });
  const entryPoints = [...tsFiles(join(root, 'api/src')), ...tsFiles(join(root, 'seeds'))];
  await build({
    entryPoints,
    outdir: outDir,
    outbase: root,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
  });
  cpSync(join(root, 'schema'), join(outDir, 'schema'), { recursive: true });
  return { main: join(outDir, 'api/src/main.js'), files: entryPoints.length, ms: Date.now() - started };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { files, ms } = await buildApi();
  console.log(`API compiled: ${files} files to ${relative(root, out)}/ in ${ms} ms`);
}
