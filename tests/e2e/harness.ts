/**
 * Browser tests: the built client served by the real API over the embedded database (memory
 * mode) with the demo district, driven in Debian's Chromium by playwright-core. Screenshots go to
 * tests/artifacts/e2e/ (kept by CI as artifacts; look at them).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { connectDatabase, type Database } from '../../api/src/db/connection.js';
import { ensureIndexes } from '../../api/src/db/indexes.js';
import { createApp } from '../../api/src/server.js';
import { loadConfig } from '../../api/src/config.js';
import { createLogger } from '../../api/src/lib/logger.js';
import { seedDemo, DEMO_PASSWORD } from '../../seeds/demo.js';

export const ARTIFACTS = resolve('tests/artifacts/e2e');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface E2E {
  base: string;
  browser: BrowserContext;
  /** A fresh page logged in as a demo user (each in its own browser context: own cookies). */
  loginAs(username: string, viewport?: { width: number; height: number }): Promise<Page>;
  shot(page: Page, name: string): Promise<void>;
}

export function useE2E(): E2E {
  let db: Database;
  let server: Server;
  const contexts: BrowserContext[] = [];
  const e2e = {} as E2E;

  beforeAll(async () => {
    if (!existsSync(resolve('client/dist/index.html'))) throw new Error('client/dist is missing: run `npm run build` first');
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium fonts-noto-cjk`);
    mkdirSync(ARTIFACTS, { recursive: true });
    db = await connectDatabase({ memory: true, dbName: 'e2e' });
    await ensureIndexes();
    await seedDemo();
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SESSION_SECRET: 'e2e-secret-0123456789abcdef', CLIENT_DIST: 'client/dist' });
    const { app } = await createApp({ config, log: createLogger('silent'), connection: db.connection });
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    e2e.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    server?.close();
    await db?.close();
  });

  const launch = async (viewport: { width: number; height: number }) => {
    const dir = resolve(ARTIFACTS, `.profile-${process.pid}-${contexts.length}`);
    const ctx = await chromium.launchPersistentContext(dir, {
      executablePath: CHROMIUM,
      headless: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    contexts.push(ctx);
    return ctx;
  };

  e2e.loginAs = async (username, viewport = { width: 1440, height: 900 }) => {
    const ctx = await launch(viewport);
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    page.setDefaultTimeout(20_000);
    await page.goto(`${e2e.base}/login`);
    await page.getByPlaceholder(/用户名/).fill(username);
    await page.getByPlaceholder(/密码/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    return page;
  };
  e2e.shot = async (page, name) => {
    await page.screenshot({ path: resolve(ARTIFACTS, `${name}.png`), fullPage: true });
  };
  return e2e;
}
