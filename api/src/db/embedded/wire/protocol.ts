/**
 * MongoDB wire protocol messages: parsing OP_MSG and the legacy OP_QUERY the driver still
 * uses for its first handshake, and building OP_MSG / OP_REPLY answers.
 *
 * Anything malformed raises ProtocolError; the server then closes that one connection
 * (mongod does the same), since a peer that sends a bad frame cannot be resynchronised.
 */
import { BSON, type Document } from 'bson';
import { RAW_DESERIALIZE } from '../types.js';
import { serializeReply } from './bson-writer.js';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_COMPRESSED = 2012;
export const OP_MSG = 2013;

export const HEADER_SIZE = 16;
/** maxMessageSizeBytes announced in `hello`. */
export const MAX_MESSAGE_SIZE = 48_000_000;

const FLAG_CHECKSUM = 1 << 0;
const FLAG_MORE_TO_COME = 1 << 1;
/** Bits 0-15 are "required": a flag we do not know there means we cannot proceed. */
const KNOWN_REQUIRED = FLAG_CHECKSUM | FLAG_MORE_TO_COME;

export class ProtocolError extends Error {}

/**
 * The `documents` of an OP_MSG document sequence (insert), decoded one at a time when the
 * command reaches them. Each was decoded once already to check it (a malformed one closes the
 * connection before anything runs), but holding thousands of decoded documents for the whole
 * command got them promoted to the old generation: loading 100,000 documents in batches of
 * 5,000 left resident memory 4.1x the BSON size after a full GC, against 2.7x decoded one by
 * one (each then dies young, as soon as it is stored). Costs a second decode per document.
 */
export class DocumentSequence {
  constructor(
    private readonly buf: Buffer,
    private readonly starts: readonly number[],
  ) {}

  get length(): number {
    return this.starts.length;
  }

  get(i: number): Document {
    const start = this.starts[i];
    return BSON.deserialize(this.buf.subarray(start, start + this.buf.readInt32LE(start)), RAW_DESERIALIZE);
  }

  toArray(): Document[] {
    return this.starts.map((_, i) => this.get(i));
  }
}

/** Sequences decoded lazily (see DocumentSequence); others become arrays in the body. */
const LAZY_SEQUENCES = new Set(['documents']);
/** Below this many documents the second decode costs more than holding them does. */
const LAZY_MIN_DOCUMENTS = 64;

export interface Request {
  requestId: number;
  opCode: number;
  /** The command document, with document sequences merged in and `$db` set. */
  body: Document;
  /** The client expects no reply (OP_MSG moreToCome). */
  moreToCome: boolean;
  /** For OP_QUERY that is not a command (legacy find): answered with an error. */
  legacyQueryNamespace?: string;
}

function readDocument(buf: Buffer, pos: number, end: number, what: string): { doc: Document; size: number } {
  if (pos + 5 > end) throw new ProtocolError(`${what}: truncated document`);
  const size = buf.readInt32LE(pos);
  if (size < 5 || pos + size > end) throw new ProtocolError(`${what}: document length ${size} does not fit the message`);
  try {
    return { doc: BSON.deserialize(buf.subarray(pos, pos + size), RAW_DESERIALIZE), size };
  } catch (e) {
    throw new ProtocolError(`${what}: invalid BSON (${(e as Error).message})`);
  }
}

function readCString(buf: Buffer, pos: number, end: number, what: string): { value: string; next: number } {
  const zero = buf.indexOf(0, pos);
  if (zero < 0 || zero >= end) throw new ProtocolError(`${what}: unterminated string`);
  return { value: buf.toString('utf8', pos, zero), next: zero + 1 };
}

function parseOpMsg(buf: Buffer, requestId: number): Request {
  const length = buf.length;
  if (length < HEADER_SIZE + 5) throw new ProtocolError('OP_MSG too short');
  const flags = buf.readUInt32LE(HEADER_SIZE);
  const unknownRequired = flags & 0xffff & ~KNOWN_REQUIRED;
  if (unknownRequired) throw new ProtocolError(`OP_MSG has unsupported required flag bits 0x${unknownRequired.toString(16)}`);
  // The CRC-32C checksum, when present, is tolerated and not verified (TCP already does).
  const end = flags & FLAG_CHECKSUM ? length - 4 : length;
  let pos = HEADER_SIZE + 4;
  let body: Document | null = null;
  const sequences: [string, Document[] | DocumentSequence][] = [];
  while (pos < end) {
    const kind = buf[pos++];
    if (kind === 0) {
      if (body) throw new ProtocolError('OP_MSG has more than one body section');
      const r = readDocument(buf, pos, end, 'OP_MSG body');
      body = r.doc;
      pos += r.size;
    } else if (kind === 1) {
      if (pos + 4 > end) throw new ProtocolError('OP_MSG document sequence truncated');
      const size = buf.readInt32LE(pos);
      const seqEnd = pos + size;
      if (size < 5 || seqEnd > end) throw new ProtocolError(`OP_MSG document sequence length ${size} does not fit the message`);
      const id = readCString(buf, pos + 4, seqEnd, 'OP_MSG document sequence');
      let p = id.next;
      const lazyKind = LAZY_SEQUENCES.has(id.value);
      const docs: Document[] = [];
      const starts: number[] = [];
      while (p < seqEnd) {
        const r = readDocument(buf, p, seqEnd, `OP_MSG sequence '${id.value}'`);
        if (!lazyKind || docs.length < LAZY_MIN_DOCUMENTS) docs.push(r.doc); // past that, only checked
        starts.push(p);
        p += r.size;
      }
      const lazy = lazyKind && starts.length > LAZY_MIN_DOCUMENTS;
      sequences.push([id.value, lazy ? new DocumentSequence(buf, starts) : docs]);
      pos = seqEnd;
    } else {
      throw new ProtocolError(`OP_MSG has unknown section kind ${kind}`);
    }
  }
  if (!body) throw new ProtocolError('OP_MSG has no body section');
  for (const [id, docs] of sequences) {
    if (id in body) throw new ProtocolError(`OP_MSG field '${id}' given both in the body and as a document sequence`);
    body[id] = docs;
  }
  return { requestId, opCode: OP_MSG, body, moreToCome: (flags & FLAG_MORE_TO_COME) !== 0 };
}

function parseOpQuery(buf: Buffer, requestId: number): Request {
  const end = buf.length;
  if (end < HEADER_SIZE + 4 + 2 + 8 + 5) throw new ProtocolError('OP_QUERY too short');
  const ns = readCString(buf, HEADER_SIZE + 4, end, 'OP_QUERY namespace');
  const pos = ns.next + 8; // numberToSkip, numberToReturn
  const { doc } = readDocument(buf, pos, end, 'OP_QUERY query');
  const dot = ns.value.indexOf('.');
  const db = dot < 0 ? ns.value : ns.value.slice(0, dot);
  const coll = dot < 0 ? '' : ns.value.slice(dot + 1);
  if (coll !== '$cmd') return { requestId, opCode: OP_QUERY, body: {}, moreToCome: false, legacyQueryNamespace: ns.value };
  // Commands may come wrapped with read preference: { $query: { ... }, $readPreference: ... }.
  const inner = (doc.$query ?? doc.query) as Document | undefined;
  const body: Document = inner && typeof inner === 'object' && !Array.isArray(inner) ? { ...inner } : doc;
  body.$db = db;
  return { requestId, opCode: OP_QUERY, body, moreToCome: false };
}

/** Parse one complete message (header included). */
export function parseMessage(buf: Buffer): Request {
  const opCode = buf.readInt32LE(12);
  const requestId = buf.readInt32LE(4);
  switch (opCode) {
    case OP_MSG:
      return parseOpMsg(buf, requestId);
    case OP_QUERY:
      return parseOpQuery(buf, requestId);
    default:
      throw new ProtocolError(`unsupported opCode ${opCode}`);
  }
}

let nextRequestId = 1;

/** The reply to a request, in the protocol the request used, as one buffer. */
export function encodeReply(req: Request, reply: Document): Buffer {
  const legacy = req.opCode === OP_QUERY;
  // OP_REPLY: responseFlags, cursorID (int64), startingFrom, numberReturned. OP_MSG: flagBits, section kind 0.
  const prefix = legacy ? 20 : 5;
  const msg = serializeReply(reply, HEADER_SIZE + prefix);
  msg.writeInt32LE(msg.length, 0);
  msg.writeInt32LE(nextRequestId++ & 0x7fffffff, 4);
  msg.writeInt32LE(req.requestId, 8);
  msg.writeInt32LE(legacy ? OP_REPLY : OP_MSG, 12);
  msg.fill(0, HEADER_SIZE, HEADER_SIZE + prefix);
  if (legacy) msg.writeInt32LE(1, HEADER_SIZE + 16);
  return msg;
}
