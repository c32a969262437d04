/**
 * A minimal raw wire-protocol client for the engine tests: builds OP_MSG / OP_QUERY frames
 * by hand (so tests can also build broken ones) and reads whole replies off a socket.
 */
import { connect, type Socket } from 'node:net';
import { BSON, type Document } from 'bson';

let nextId = 1000;

function header(length: number, requestId: number, opCode: number): Buffer {
  const h = Buffer.alloc(16);
  h.writeInt32LE(length, 0);
  h.writeInt32LE(requestId, 4);
  h.writeInt32LE(0, 8);
  h.writeInt32LE(opCode, 12);
  return h;
}

export interface MsgOptions {
  flags?: number;
  sequences?: Record<string, Document[]>;
  checksum?: boolean;
  requestId?: number;
}

export function opMsg(body: Document, opts: MsgOptions = {}): Buffer {
  const parts: Buffer[] = [Buffer.of(0), Buffer.from(BSON.serialize(body))];
  for (const [id, docs] of Object.entries(opts.sequences ?? {})) {
    const payload = Buffer.concat([Buffer.from(`${id}\0`), ...docs.map((d) => Buffer.from(BSON.serialize(d)))]);
    const size = Buffer.alloc(4);
    size.writeInt32LE(payload.length + 4, 0);
    parts.push(Buffer.of(1), size, payload);
  }
  const flags = Buffer.alloc(4);
  flags.writeUInt32LE(((opts.flags ?? 0) | (opts.checksum ? 1 : 0)) >>> 0, 0);
  const tail = opts.checksum ? [Buffer.alloc(4, 0xab)] : [];
  const bodyLen = 4 + parts.reduce((n, p) => n + p.length, 0) + tail.reduce((n, p) => n + p.length, 0);
  return Buffer.concat([header(16 + bodyLen, opts.requestId ?? nextId++, 2013), flags, ...parts, ...tail]);
}

export function opQuery(ns: string, query: Document, requestId = nextId++): Buffer {
  const rest = Buffer.concat([Buffer.alloc(4), Buffer.from(`${ns}\0`), Buffer.alloc(4), (() => {
    const b = Buffer.alloc(4);
    b.writeInt32LE(-1, 0);
    return b;
  })(), Buffer.from(BSON.serialize(query))]);
  return Buffer.concat([header(16 + rest.length, requestId, 2004), rest]);
}

export interface Reply {
  opCode: number;
  responseTo: number;
  body: Document;
}

/** A socket that collects complete replies and notices when the server closes it. */
export class RawClient {
  private buf = Buffer.alloc(0);
  private readonly replies: Reply[] = [];
  private waiters: (() => void)[] = [];
  closed = false;

  private constructor(readonly socket: Socket) {
    socket.on('data', (d: Buffer) => {
      this.buf = Buffer.concat([this.buf, d]);
      while (this.buf.length >= 4 && this.buf.length >= this.buf.readInt32LE(0)) {
        const len = this.buf.readInt32LE(0);
        const msg = this.buf.subarray(0, len);
        this.buf = this.buf.subarray(len);
        const opCode = msg.readInt32LE(12);
        const docStart = opCode === 1 ? 36 : 21;
        this.replies.push({ opCode, responseTo: msg.readInt32LE(8), body: BSON.deserialize(msg.subarray(docStart), { promoteLongs: false }) });
      }
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => undefined);
  }

  static open(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const s = connect(port, '127.0.0.1', () => resolve(new RawClient(s)));
      s.once('error', reject);
    });
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  send(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** The next reply, or null if the server closed the connection (or `ms` passed). */
  async next(ms = 3000): Promise<Reply | null> {
    const deadline = Date.now() + ms;
    while (!this.replies.length) {
      if (this.closed || Date.now() > deadline) return null;
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.max(1, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
    return this.replies.shift()!;
  }

  /** Resolves true when the server closes the connection within `ms`. */
  async closedWithin(ms = 3000): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (!this.closed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    return this.closed;
  }

  destroy(): void {
    this.socket.destroy();
  }
}
