/**
 * Files the 台账 import must refuse, each with its row number and a Chinese reason, writing
 * nothing: wrong columns, a bad USCC check digit, impossible dates, a duplicate 编号 within the
 * file, a rule of the project service broken by one row among good ones, a 20 MB upload, too
 * many rows, something that is not an .xlsx although it is named like one, and a zip bomb.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type ExcelJS from 'exceljs';
import { PDF, useApi, type Client } from '../testkit/api.js';
import { createProject } from '../testkit/projects.js';
import { makeUscc } from '../../seeds/uscc.js';
import { download, readWorkbook, setCell, toBuffer, upload, workbookOf } from './helpers.js';
import { buildZip, withLyingSheet, workbookEntries } from '../testkit/zip.js';

const api = useApi();
let promo: Client;
let codes: string[];

const COUNT = `{ projects(first: 100) { totalCount nodes { code name version } } }`;

async function snapshot() {
  const r = await promo.gql(COUNT);
  return r.data.projects;
}

/** The export with `edit` applied, uploaded; the database must be exactly as before. */
async function rejected(edit: (ws: Awaited<ReturnType<typeof readWorkbook>>['ws']) => void, as: Client = promo) {
  const before = await snapshot();
  const { wb, ws } = await readWorkbook((await download(promo)).body);
  edit(ws);
  const r = await upload(as, await toBuffer(wb));
  expect(await snapshot()).toEqual(before);
  return r;
}

beforeAll(async () => {
  promo = await api.as('promo');
  codes = [];
  for (let i = 0; i < 3; i++) codes.push((await createProject(api, promo, { signedOn: '2025-04-01' })).code);
});

describe('refused files', () => {
  it('refuses wrong columns', async () => {
    const r = await rejected((ws) => {
      ws.getRow(1).getCell(7).value = '总投资';
    });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('INVALID_ROWS');
    expect(r.body.error.rows).toEqual([{ row: 1, column: '总投资(万元)', message: '缺少列“总投资(万元)”' }]);
  });

  it('refuses a bad USCC check digit, with the row, and keeps the good rows unwritten', async () => {
    const good = makeUscc(4242);
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const r = await rejected((ws) => {
      setCell(ws, codes[0], '项目名称', '这一行本身没有问题');
      setCell(ws, codes[2], '统一社会信用代码', bad);
    });
    expect(r.status).toBe(422);
    expect(r.body.error.message).toMatch(/^台账有1处错误（首个在第4行），未导入任何数据$/);
    expect(r.body.error.rows).toEqual([{ row: 4, column: '统一社会信用代码', message: expect.stringMatching(/校验/) }]);
  });

  it('refuses impossible dates', async () => {
    const r = await rejected((ws) => {
      const n = ws.rowCount + 1;
      ws.getRow(n).values = ws.getRow(2).values as ExcelJS.CellValue[];
      setCell(ws, n, '编号', 'NEW-0001');
      setCell(ws, n, '签约日期', '2025-02-30');
      setCell(ws, codes[1], '公司注册计划日期', '2025-13-01');
    });
    expect(r.status).toBe(422);
    expect(r.body.error.rows).toEqual([
      { row: 3, column: '公司注册计划日期', message: '公司注册计划日期不是有效日期' },
      { row: 5, column: '签约日期', message: '签约日期不是有效日期' },
    ]);
  });

  it('refuses a 编号 twice in the file', async () => {
    const r = await rejected((ws) => setCell(ws, codes[2], '编号', codes[0]));
    expect(r.status).toBe(422);
    expect(r.body.error.rows).toEqual([{ row: 4, column: '编号', message: `编号“${codes[0]}”与第2行重复` }]);
  });

  it('reports a project rule broken by one row and writes none of the others', async () => {
    const r = await rejected((ws) => {
      setCell(ws, codes[0], '项目名称', '合法修改');
      setCell(ws, codes[1], '项目名称', '名'.repeat(129));
      setCell(ws, codes[2], '行业代码', 'C99');
    });
    expect(r.status).toBe(422);
    expect(r.body.error.rows.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [3, '项目名称'],
      [4, '行业代码'],
    ]);
    expect(r.body.error.rows[0].message).toBe('项目名称不能超过128个字符');
  });

  it('refuses a row outside a platform user’s platform', async () => {
    const hzw = await api.as('promo_hzw');
    const r = await rejected((ws) => {
      const n = ws.rowCount + 1;
      ws.getRow(n).values = ws.getRow(2).values as ExcelJS.CellValue[];
      setCell(ws, n, '编号', 'NEW-CEJ-1');
      setCell(ws, n, '平台', '曹娥江经开区');
    }, hzw);
    expect(r.status).toBe(422);
    expect(r.body.error.rows).toEqual([{ row: 5, column: '平台', message: '无权在该平台创建项目' }]);
  });

  it('refuses ledger fields the sheet cannot change', async () => {
    const r = await rejected((ws) => setCell(ws, codes[0], '签约日期', '2024-01-01'));
    expect(r.body.error.rows).toEqual([{ row: 2, column: '签约日期', message: '签约日期不能通过台账修改' }]);
  });

  it('refuses a 20 MB upload with 413', async () => {
    const big = Buffer.alloc(20 * 1024 * 1024, 1);
    const r = await upload(promo, big, '大文件.xlsx');
    expect(r.status).toBe(413);
    expect(r.body.error).toEqual({ code: 'FILE_TOO_LARGE', message: '文件不能超过10MB' });
  });

  it('refuses more rows than the limit with 413', async () => {
    const { sheet } = await readWorkbook((await download(promo)).body);
    const row = sheet.headers.map(() => null);
    const r = await upload(promo, await workbookOf(sheet.headers, Array.from({ length: 10_001 }, (_, i) => row.map((_, c) => (c === 0 ? `R${i}` : null)))));
    expect(r.status).toBe(413);
    expect(r.body.error).toEqual({ code: 'TOO_MANY_ROWS', message: '台账不能超过10000行' });
  });

  it('refuses a file that is not an .xlsx although named so', async () => {
    for (const body of [PDF, Buffer.from('编号,项目名称\nA,B\n'), Buffer.from('PK\u0003\u0004not really a zip')]) {
      const r = await upload(promo, body, '项目台账.xlsx');
      expect(r.status).toBe(415);
      expect(r.body.error.code).toBe('NOT_XLSX');
    }
  });

  it('refuses a zip bomb (an .xlsx whose sheet inflates far past its declared size) as a damaged file', async () => {
    const { sheet } = await readWorkbook((await download(promo)).body);
    const entries = await workbookEntries([sheet.headers, sheet.headers.map((_, c) => (c === 0 ? 'BOMB-1' : null))]);
    const before = await snapshot();
    const r = await upload(promo, buildZip(withLyingSheet(entries, 64 * 1024 * 1024)), '项目台账.xlsx');
    expect(r.status).toBe(415);
    expect(r.body.error).toEqual({ code: 'NOT_XLSX', message: '文件已损坏或不是有效的Excel工作簿（.xlsx）' });
    expect(await snapshot()).toEqual(before);
  });

  it('lets only PROMOTION import, with the anti-CSRF header', async () => {
    const file = (await download(promo)).body;
    for (const who of ['leader', 'unit_land', 'owner_a', 'admin']) {
      expect((await upload(await api.as(who), file)).status).toBe(403);
    }
    expect((await upload(promo, file, '项目台账.xlsx', false)).status).toBe(400);
    expect((await upload(api.anonymous(), file)).status).toBe(401);
  });
});
