/**
 * The export reads projects by cursor and their nodes a batch at a time, asking for the next
 * batch's nodes while it writes the current one. Across several batches every visible project
 * is one row, in 编号 order, with its own nodes' dates (not a neighbour's from another batch).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi, type Client } from '../testkit/api.js';
import { createProject } from '../testkit/projects.js';
import { toUtcMidnight } from '../../api/src/domain/dates.js';
import { download, readWorkbook } from './helpers.js';

const api = useApi();
let promo: Client;
/** More than two export batches (50 projects each), not a multiple of one. */
const COUNT = 123;
const signed = new Map<string, string>();

beforeAll(async () => {
  promo = await api.as('promo');
  for (let i = 0; i < COUNT; i++) {
    const day = new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const p = await createProject(api, promo, { signedOn: day, totalInvestment: 200_000_000 + i });
    signed.set(p.code, day);
  }
}, 300_000);

describe('export in batches', () => {
  it('writes every project once, in 编号 order, each with its own node dates', async () => {
    const { sheet } = await readWorkbook((await download(promo)).body);
    const codes = sheet.rows.map((r) => r['编号'] as string);
    expect(codes).toHaveLength(COUNT);
    expect(codes).toEqual([...signed.keys()].sort());
    for (const row of sheet.rows) {
      const day = signed.get(row['编号'] as string)!;
      expect(row['签约日期']).toEqual(toUtcMidnight(day));
      expect(row['签约实际日期']).toEqual(toUtcMidnight(day));
    }
  });

  it('keeps the batches right when a filter drops rows inside them', async () => {
    const { sheet } = await readWorkbook((await download(promo, '?stage=SIGNED')).body);
    expect(sheet.rows).toHaveLength(COUNT);
    const none = await readWorkbook((await download(promo, '?stage=AT_CAPACITY')).body);
    expect(none.sheet.rows).toEqual([]);
  });
});
