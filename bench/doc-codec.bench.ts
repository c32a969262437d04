/**
 * The embedded engine's partial decoder (engine/doc-codec.ts fieldDecoder) against bson's full
 * decode, on a project document as the synthetic district stores it, for the fields a scoped,
 * filtered project list matches on (an ObjectId array, a sub-document, string arrays, an array of
 * sub-documents, strings):
 *
 *   npx tsx bench/doc-codec.bench.ts
 *
 * Prints the best of 8 rounds of each, in the same run, and their ratio. A scan decodes every
 * examined document this way, so this is the per-document price of a filter in the engine.
 */
import { BSON, ObjectId } from 'bson';
import { encodeDocument, fieldDecoder, storedBytes } from '../api/src/db/embedded/engine/doc-codec.js';
import { RAW_DESERIALIZE } from '../api/src/db/embedded/types.js';
import { table } from './lib/report.js';

const project = {
  _id: new ObjectId(),
  code: 'SYN000001',
  name: '合成项目1',
  investor: '合成企业1有限公司',
  platformId: new ObjectId(),
  totalInvestment: 1_250_000_000,
  tiers: ['OVER_100M', 'OVER_1B'],
  unitIds: Array.from({ length: 5 }, () => new ObjectId()),
  gates: [
    { code: 'SIGN', stage: 'SIGNED', actualDate: '2025-03-01', recordedOn: null },
    { code: 'LAND', stage: 'LANDED', actualDate: '2025-05-01', recordedOn: null },
  ],
  signedOn: '2025-03-01',
  terminated: null,
  stage: 'LANDED',
  openDue: '2025-09-01',
  description: '项目简介'.repeat(60),
  updatedAt: new Date(),
};
const FIELDS = ['unitIds', 'platformId', 'signedOn', 'terminated', 'tiers', 'gates', 'stage'];
const stored = encodeDocument(project);
const partial = fieldDecoder(FIELDS);

function best(fn: () => unknown, n = 100_000): number {
  let min = Infinity;
  for (let r = 0; r < 8; r++) {
    const t = performance.now();
    for (let i = 0; i < n; i++) fn();
    min = Math.min(min, ((performance.now() - t) * 1000) / n);
  }
  return min;
}

const mine = best(() => partial(stored));
const whole = best(() => BSON.deserialize(storedBytes(stored), RAW_DESERIALIZE));
console.log(`project document of ${stored.length} bytes; fields: ${FIELDS.join(', ')}\n`);
console.log(
  table(
    ['decode', 'µs per document (best of 8)'],
    [
      ['engine partial decoder, those fields', mine.toFixed(2)],
      ['bson full decode (RAW_DESERIALIZE)', whole.toFixed(2)],
      ['ratio partial / full', (mine / whole).toFixed(2)],
    ],
  ),
);
