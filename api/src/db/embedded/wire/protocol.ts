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
  const sequences: [string, Document[]][] = [];
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
      const docs: Document[] = [];
      while (p < seqEnd) {
        const r = readDocument(buf, p, seqEnd, `OP_MSG sequence '${id.value}'`);
        docs.push(r.doc);
        p += r.size;
      }
      sequences.push([id.value, docs]);
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

function header(length: number, responseTo: number, opCode: number): Buffer {
  const h = Buffer.allocUnsafe(HEADER_SIZE);
  h.writeInt32LE(length, 0);
  h.writeInt32LE(nextRequestId++ & 0x7fffffff, 4);
  h.writeInt32LE(responseTo, 8);
  h.writeInt32LE(opCode, 12);
  return h;
}

/** The reply to a request, in the protocol the request used. */
export function encodeReply(req: Request, reply: Document): Buffer[] {
  const body = serializeReply(reply);
  if (req.opCode === OP_QUERY) {
    const prefix = Buffer.alloc(20); // responseFlags, cursorID (int64), startingFrom, numberReturned
    prefix.writeInt32LE(1, 16);
    return [header(HEADER_SIZE + 20 + body.length, req.requestId, OP_REPLY), prefix, body];
  }
  const prefix = Buffer.alloc(5); // flagBits = 0, section kind 0
  return [header(HEADER_SIZE + 5 + body.length, req.requestId, OP_MSG), prefix, body];
}
