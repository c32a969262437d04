/**
 * The 台账 export and its round trip: the exported workbook has the columns people keep, each
 * viewer gets only what they may see, importing the export unchanged changes nothing, and edits
 * made in the sheet create and update projects by 编号 through the project service.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type ExcelJS from 'exceljs';
import { useApi, type Client } from '../testkit/api.js';
import { createProject } from '../testkit/projects.js';
import { completeGate } from '../testkit/progress.js';
import { toUtcMidnight } from '../../api/src/domain/dates.js';
import { makeUscc } from '../../seeds/uscc.js';
import { trusted } from 'mongoose';
import { AuditModel } from '../../api/src/modules/audit/model.js';
import { download, readWorkbook, setCell, toBuffer, upload } from './helpers.js';

const api = useApi();
let promo: Client;
const P: Record<string, { id: string; code: string }> = {};

const STATE = `query($id: ID!) { project(id: $id) { code name version totalInvestment uscc foreignInvestment { currency amount cnyRate usdCnyRate } chain { name } leadUnit { name } liaisonLeader { name } updatedAt } }`;

async function states(c: Client) {
  const out: Record<string, unknown> = {};
  for (const [k, p] of Object.entries(P)) out[k] = (await c.gql(STATE, { id: p.id })).data.project;
  return out;
}

beforeAll(async () => {
  promo = await api.as('promo');
  const hzw = api.ref.platforms.get('杭州湾经开区');
  P.plain = await createProject(api, promo, { signedOn: '2025-03-01', totalInvestment: 300_000_000 });
  P.full = await createProject(api, promo, {
    signedOn: '2025-05-10',
    totalInvestment: 1_234_567_891,
    chainId: api.ref.chains.get('HYDROGEN'),
    leadUnitId: api.ref.units.get('区投资促进中心'),
    liaisonLeaderId: api.ref.leaders[1],
    foreignInvestment: { currency: 'USD', amount: 150_000_000, cnyRate: 7.1234, usdCnyRate: 7.1234 },
    platformId: hzw,
  });
  P.euro = await createProject(api, promo, {
    signedOn: '2025-06-01',
    foreignInvestment: { currency: 'EUR', amount: 15_000_001, cnyRate: 7.8123, usdCnyRate: 7.1017 },
    platformId: api.ref.platforms.get('曹娥江经开区'),
    templateKey: 'EXPANSION',
    source: 'LOCAL_EXPANSION',
    uscc: null,
  });
  await completeGate(await api.as('unit_land'), P.plain.id, 'LAND', '2025-06-15');
}, 120_000);

describe('export', () => {
  it('writes the columns people keep, one row per visible project', async () => {
    const r = await download(promo);
    expect(r.status).toBe(200);
    expect(r.type).toContain('spreadsheetml');
    const { sheet, ws } = await readWorkbook(r.body);
    // Dates are real Excel dates shown as yyyy-mm-dd, not text and not serial numbers.
    const fullRow = sheet.rows.findIndex((x) => x['编号'] === P.full.code) + 2;
    expect(ws.getRow(fullRow).getCell(sheet.headers.indexOf('签约日期') + 1).numFmt).toBe('yyyy-mm-dd');
    expect(ws.getRow(fullRow).getCell(sheet.headers.indexOf('签约实际日期') + 1).numFmt).toBe('yyyy-mm-dd');
    expect(sheet.headers.slice(0, 10)).toEqual(['编号', '项目名称', '投资方', '统一社会信用代码', '平台', '产业链', '总投资(万元)', '外资(万美元)', '签约日期', '当前阶段']);
    expect(sheet.headers).toEqual(expect.arrayContaining(['签约计划日期', '签约实际日期', '土地摘牌(供地)计划日期', '土地摘牌(供地)实际日期', '达产复核实际日期', '红黄绿灯', '责任单位', '包联领导']));
    const full = sheet.rows.find((x) => x['编号'] === P.full.code)!;
    expect(full).toMatchObject({
      平台: '杭州湾经开区',
      产业链: '氢能',
      '总投资(万元)': 123456.7891,
      '外资(万美元)': 15000,
      签约日期: toUtcMidnight('2025-05-10'),
      当前阶段: '签约',
      责任单位: '区投资促进中心',
      节点模板: '标准地新建',
      '美元汇率(签约时)': 7.1234,
    });
    const plain = sheet.rows.find((x) => x['编号'] === P.plain.code)!;
    expect(plain).toMatchObject({ 当前阶段: '落地', '土地摘牌(供地)实际日期': toUtcMidnight('2025-06-15'), '土地摘牌(供地)计划日期': toUtcMidnight('2025-05-30') });
    expect(['红', '黄', '绿']).toContain(plain['红黄绿灯']);
    const euro = sheet.rows.find((x) => x['编号'] === P.euro.code)!;
    // €15,000,001 × 7.8123 ÷ 7.1017 ≈ US$16,500,909.33 → 1650.0909 万美元 (whole dollars).
    expect(euro['外资(万美元)']).toBe(1650.0909);
    expect(euro['节点模板']).toBe('增资扩产(不新增用地)');
    expect(euro['项目来源']).toBe('本地增资扩产');
  });

  it('narrows to the filter and to what the viewer may see', async () => {
    const cej = await readWorkbook((await download(promo, `?platformId=${api.ref.platforms.get('曹娥江经开区')}`)).body);
    expect(cej.sheet.rows.map((x) => x['编号'])).toEqual([P.euro.code]);
    const landed = await readWorkbook((await download(promo, '?stage=LANDED,SIGNED&tier=OVER_1B')).body);
    expect(landed.sheet.rows.map((x) => x['编号'])).toEqual([P.full.code]);
    const hzwPromo = await readWorkbook((await download(await api.as('promo_hzw'))).body);
    expect(hzwPromo.sheet.rows.map((x) => x['编号']).sort()).toEqual([P.plain.code, P.full.code].sort());
    const owner = await readWorkbook((await download(await api.as('owner_a'))).body);
    expect(owner.sheet.rows).toEqual([]);
    expect((await download(promo, '?stage=NOPE')).status).toBe(400);
    expect((await download(api.anonymous())).status).toBe(401);
  });
});

describe('round trip', () => {
  it('changes nothing when the export is imported as is', async () => {
    const before = await states(promo);
    const file = (await download(promo)).body;
    const r = await upload(promo, file);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ rows: 3, created: 0, updated: 0, unchanged: 3 });
    expect(await states(promo)).toEqual(before);
  });

  it('applies edits by 编号 and creates new rows, audited', async () => {
    const { wb, ws } = await readWorkbook((await download(promo)).body);
    setCell(ws, P.plain.code, '项目名称', '改名后的项目');
    setCell(ws, P.full.code, '总投资(万元)', 150000.5);
    setCell(ws, P.full.code, '产业链', null);
    const newRow = ws.rowCount + 1;
    const template = ws.getRow(2).values as unknown[];
    ws.getRow(newRow).values = template as ExcelJS.CellValue[];
    setCell(ws, newRow, '编号', 'IMP-2025-001');
    setCell(ws, newRow, '项目名称', '台账导入的新项目');
    setCell(ws, newRow, '统一社会信用代码', makeUscc(777_001));
    setCell(ws, newRow, '签约日期', '2025/7/1');
    setCell(ws, newRow, '平台', '百官街道');
    const r = await upload(promo, await toBuffer(wb));
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ rows: 4, created: 1, updated: 2, unchanged: 1 });

    const plain = (await promo.gql(STATE, { id: P.plain.id })).data.project;
    expect(plain.name).toBe('改名后的项目');
    const full = (await promo.gql(STATE, { id: P.full.id })).data.project;
    expect(full).toMatchObject({ totalInvestment: 1_500_005_000, chain: null });
    const created = await promo.gql(`{ projects(filter: { text: "IMP-2025-001" }) { nodes { name signedOn platform { name } nodes { code } } } }`);
    expect(created.data.projects.nodes).toEqual([expect.objectContaining({ name: '台账导入的新项目', signedOn: '2025-07-01', platform: { name: '百官街道' } })]);
    expect(created.data.projects.nodes[0].nodes.length).toBeGreaterThan(5);

    const actions = (await AuditModel.find({ action: trusted({ $in: ['project.update', 'project.create', 'ledger.import'] }) }).lean()).map((a) => a.action);
    expect(actions.filter((a) => a === 'ledger.import')).toHaveLength(2);
    expect(actions.filter((a) => a === 'project.update')).toHaveLength(2);

    // And the new state round-trips unchanged too.
    const again = await upload(promo, (await download(promo)).body);
    expect(again.body).toEqual({ rows: 4, created: 0, updated: 0, unchanged: 4 });
  });
});
