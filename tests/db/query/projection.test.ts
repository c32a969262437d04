import { Long, type Document } from 'bson';
import { describe, expect, it } from 'vitest';
import { MongoError } from '../../../api/src/db/embedded/errors.js';
import { compileProjection } from '../../../api/src/db/embedded/query/index.js';
import { ejson, raw, relaxed } from './helpers.js';

// The "Project Fields to Return from Query" inventory document.
const item = raw({
  _id: 1,
  item: 'journal',
  status: 'A',
  size: { h: 14, w: 21, uom: 'cm' },
  instock: [{ warehouse: 'A', qty: 5 }, { warehouse: 'C', qty: 15 }],
});

function project(doc: Document, projection: Document, filter?: Document): Document {
  return compileProjection(raw(projection), filter ? raw(filter) : undefined)(doc);
}

function errorOf(projection: Document): MongoError {
  try {
    compileProjection(raw(projection));
  } catch (e) {
    expect(e).toBeInstanceOf(MongoError);
    return e as MongoError;
  }
  throw new Error('expected an error');
}

describe('inclusion and exclusion', () => {
  it('includes the listed fields and _id, in document order', () => {
    const out = project(item, { status: 1, item: 1 });
    expect(relaxed(out)).toEqual({ _id: 1, item: 'journal', status: 'A' });
    expect(Object.keys(out)).toEqual(['_id', 'item', 'status']);
  });

  it('suppresses _id on request', () => {
    expect(relaxed(project(item, { item: 1, _id: 0 }))).toEqual({ item: 'journal' });
  });

  it('excludes fields', () => {
    expect(relaxed(project(item, { status: 0, instock: 0 }))).toEqual({ _id: 1, item: 'journal', size: { h: 14, w: 21, uom: 'cm' } });
    expect(relaxed(project(item, { _id: 0, size: 0, instock: 0, status: 0 }))).toEqual({ item: 'journal' });
  });

  it('projects embedded fields and fields inside arrays of documents', () => {
    expect(relaxed(project(item, { 'size.uom': 1 }))).toEqual({ _id: 1, size: { uom: 'cm' } });
    expect(relaxed(project(item, { size: { uom: 1 } }))).toEqual({ _id: 1, size: { uom: 'cm' } });
    expect(relaxed(project(item, { 'instock.qty': 1 }))).toEqual({ _id: 1, instock: [{ qty: 5 }, { qty: 15 }] });
    expect(relaxed(project(item, { 'size.uom': 0, instock: 0 }))).toEqual({ _id: 1, item: 'journal', status: 'A', size: { h: 14, w: 21 } });
  });

  it('an empty projection returns the document unchanged', () => {
    expect(project(item, {})).toBe(item);
  });

  it('keeps the raw BSON types of projected values', () => {
    const d = raw({ _id: 1, n: Long.fromNumber(5) });
    expect(ejson(project(d, { n: 1 }))).toEqual({ _id: { $numberInt: '1' }, n: { $numberLong: '5' } });
  });
});

describe('projection errors', () => {
  it('mixing inclusion and exclusion', () => {
    expect(errorOf({ a: 1, b: 0 }).code).toBe(31254);
    expect(errorOf({ a: 0, b: 1 }).code).toBe(31253);
  });

  it('path collisions', () => {
    expect(errorOf({ a: 1, 'a.b': 1 }).code).toBe(31249);
  });
});

describe('projection operators', () => {
  const doc = raw({ _id: 1, zip: 63109, students: [{ name: 'john', school: 102, age: 10 }, { name: 'jess', school: 102, age: 11 }, { name: 'jeff', school: 108, age: 15 }], grades: [80, 85, 90, 95] });

  it('$slice with a count and with [skip, limit]; other fields are kept', () => {
    expect(relaxed(project(doc, { grades: { $slice: 2 } }).grades)).toEqual([80, 85]);
    expect(relaxed(project(doc, { grades: { $slice: -1 } }).grades)).toEqual([95]);
    expect(relaxed(project(doc, { grades: { $slice: [1, 2] } }).grades)).toEqual([85, 90]);
    expect(Object.keys(project(doc, { grades: { $slice: 1 } }))).toEqual(['_id', 'zip', 'students', 'grades']);
  });

  it('$elemMatch returns the first matching element only', () => {
    const out = project(doc, { students: { $elemMatch: { school: 102 } } });
    expect(relaxed(out)).toEqual({ _id: 1, students: [{ name: 'john', school: 102, age: 10 }] });
    const none = project(doc, { zip: 1, students: { $elemMatch: { school: 999 } } });
    expect(relaxed(none)).toEqual({ _id: 1, zip: 63109 });
  });

  it('positional a.$ returns the element the query matched', () => {
    expect(relaxed(project(doc, { 'grades.$': 1 }, { grades: { $gte: 85 } }))).toEqual({ _id: 1, grades: [85] });
    expect(relaxed(project(doc, { 'students.$': 1 }, { 'students.age': { $gt: 12 } }))).toEqual({ _id: 1, students: [{ name: 'jeff', school: 108, age: 15 }] });
  });

  it('computed fields (aggregation expressions) are appended in specification order', () => {
    const out = project(doc, { n: { $size: '$grades' }, zip: 1, first: { $arrayElemAt: ['$grades', 0] } });
    expect(Object.keys(out)).toEqual(['_id', 'zip', 'n', 'first']);
    expect(ejson(out.n)).toEqual({ $numberInt: '4' });
    expect(relaxed(out.first)).toBe(80);
  });
});
