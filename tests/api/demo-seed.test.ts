/**
 * The demo district reads as history: a node DONE in the past was recorded and confirmed on its
 * own date, not on the day the demo was loaded (the 签约 node said "于 <today> 确认" for a
 * project signed months ago).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, type Database } from '../../api/src/db/connection.js';
import { ensureIndexes } from '../../api/src/db/indexes.js';
import { NodeModel } from '../../api/src/modules/projects/model.js';
import { toCalendarDate } from '../../api/src/domain/dates.js';
import { seedDemo } from '../../seeds/demo.js';

let db: Database;
beforeAll(async () => {
  db = await connectDatabase({ memory: true, dbName: 'demo-seed' });
  await ensureIndexes();
  await seedDemo();
}, 180_000);
afterAll(async () => {
  await db?.close();
});

describe('demo seed', () => {
  it('every DONE node was recorded and confirmed on the date it was done', async () => {
    const done = (await NodeModel.find({ status: 'DONE' }, { code: 1, actualDate: 1, doneRecordedOn: 1, confirmedAt: 1 }).lean()) as {
      code: string;
      actualDate: string;
      doneRecordedOn: string | null;
      confirmedAt: Date | null;
    }[];
    expect(done.filter((n) => n.code === 'SIGN').length).toBeGreaterThan(5);
    const off = done
      .filter((n) => n.doneRecordedOn !== n.actualDate || (n.confirmedAt && toCalendarDate(n.confirmedAt) !== n.actualDate))
      .map((n) => `${n.code} done ${n.actualDate}, recorded ${n.doneRecordedOn}, confirmed ${n.confirmedAt?.toISOString()}`);
    expect(off).toEqual([]);
  });
});
