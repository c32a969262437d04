/**
 * The client's two figures: gzip size of the JS loaded for login + 工作台 (from the build
 * manifest, see client/scripts/bundle-size.mjs), and the time until the battle map with ≥ 200 pins
 * is interactive in headless Chromium here: from navigation to every pin placed and clickable
 * (their accessible anchors are in the DOM), median of 5 cold page loads.
 * Needs `npm run build` first. Run: npx tsx bench/client.bench.ts
 */
import { execFileSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { connectDatabase } from '../api/src/db/connection.js';
import { ensureIndexes } from '../api/src/db/indexes.js';
import { createApp } from '../api/src/server.js';
import { loadConfig } from '../api/src/config.js';
import { createLogger } from '../api/src/lib/logger.js';
import { seedSynthetic } from '../seeds/synthetic.js';

console.log(execFileSync(process.execPath, ['client/scripts/bundle-size.mjs'], { encoding: 'utf8' }).trim());
console.log('target: initial JS ≤ 250 KB gzip\n');

const db = await connectDatabase({ memory: true, dbName: 'bench-client' });
await ensureIndexes();
// About 15% of synthetic projects are ≥ ¥1bn: 1,400 projects give > 200 pins with the 10亿 toggle on.
await seedSynthetic(1400);
const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', SESSION_SECRET: 'bench-secret-0123456789abcdef', CLIENT_DIST: 'client/dist' });
const { app } = await createApp({ config, log: createLogger('silent'), connection: db.connection });
const server = app.listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const times: number[] = [];
let pins = 0;
for (let i = 0; i < 5; i++) {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await ctx.newPage();
  await page.goto(`${base}/login`);
  await page.getByPlaceholder(/用户名/).fill('synthetic');
  await page.getByPlaceholder(/密码/).fill('Synthetic2026');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  const start = Date.now();
  await page.goto(`${base}/battle?tier=1b`);
  await page.waitForFunction(() => (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document.querySelectorAll('[data-test=map-pin]').length >= 200, null, { timeout: 60_000 });
  times.push(Date.now() - start);
  pins = await page.locator('[data-test=map-pin]').count();
  await ctx.close();
}
times.sort((a, b) => a - b);
console.log(`battle map with ${pins} pins interactive: median ${times[2]} ms (runs: ${times.join(', ')} ms)   target ≤ 2,000 ms`);
await browser.close();
server.close();
await db.close();
process.exit(0);
