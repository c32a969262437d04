/**
 * Chinese names of the stored project source codes (projects/model.ts SOURCES). The stored codes
 * predate domain/sources.ts and differ in spelling, so the pairing is written out, not inferred.
 */
import type { SOURCES } from '../projects/model.js';

export const SOURCE_LABELS: Readonly<Record<(typeof SOURCES)[number], string>> = {
  NEW_INVESTMENT: '新引进',
  LISTED_COMPANY: '上市公司募投',
  MERGER: '并购',
  YANGTZE_DELTA: '长三角合作',
  CHAIN_LEADER: '链主配套',
  FOREIGN: '外资',
  LOCAL_EXPANSION: '本地增资扩产',
};
