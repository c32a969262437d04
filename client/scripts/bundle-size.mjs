#!/usr/bin/env node
/**
 * Gzip size of the JavaScript a browser downloads for given pages: the entry plus each
 * page's chunk and everything they import statically (dynamic imports excluded: those load
 * later, e.g. ECharts on the map). Run after `vite build`:
 *   node scripts/bundle-size.mjs [src/pages/LoginPage.vue src/layouts/AppLayout.vue …]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const manifest = JSON.parse(readFileSync(`${dist}.vite/manifest.json`, 'utf8'));
const pages = process.argv.slice(2);
const roots = ['index.html', ...(pages.length ? pages : ['src/pages/LoginPage.vue', 'src/layouts/AppLayout.vue', 'src/pages/WorkbenchPage.vue'])];

const files = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`not in manifest: ${key}`);
  if (files.has(chunk.file)) return;
  files.add(chunk.file);
  for (const dep of chunk.imports ?? []) visit(dep);
};
roots.forEach(visit);

let raw = 0;
let gz = 0;
for (const file of files) {
  const bytes = readFileSync(dist + file);
  raw += bytes.length;
  gz += gzipSync(bytes, { level: 9 }).length;
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`pages: ${roots.join(', ')}`);
console.log(`JS files: ${files.size}, raw ${kb(raw)}, gzip ${kb(gz)}`);
const echarts = [...files].some((f) => /echarts/i.test(f));
console.log(echarts ? 'WARNING: ECharts is in the initial download' : 'ECharts not in the initial download');
