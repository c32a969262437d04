/**
 * Test helpers: documents in the raw form the server stores (a serialize/deserialize round
 * trip), and views of results with their BSON types spelled out (canonical Extended JSON) or
 * relaxed to plain JS values.
 */
import { EJSON, deserialize, serialize, type Document } from 'bson';
import { RAW_DESERIALIZE } from '../../../api/src/db/embedded/types.js';

/** The raw form of a document, exactly as the wire layer hands it over. */
export function raw(doc: Document): Document {
  return deserialize(serialize(doc), RAW_DESERIALIZE);
}

export function raws(docs: Document[]): Document[] {
  return docs.map(raw);
}

/** Canonical Extended JSON: `{$numberInt: '1'}` and `{$numberLong: '1'}` differ in assertions. */
export function ejson(v: unknown): unknown {
  return EJSON.serialize({ v }, { relaxed: false }).v;
}

/** Relaxed Extended JSON: numbers as JS numbers, for assertions where types don't matter. */
export function relaxed(v: unknown): unknown {
  return EJSON.serialize({ v }, { relaxed: true }).v;
}
