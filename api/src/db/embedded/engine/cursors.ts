/**
 * Server-side cursors: an iterator of encoded documents (over a frozen collection version
 * or an already computed result), handed out in batches. The first batch holds 101
 * documents unless the client says otherwise; every batch stops at 16 MB. Idle cursors
 * expire after 10 minutes, as in MongoDB.
 */
import { Long } from 'bson';
import { randomInt } from 'node:crypto';
import type { Stored } from './doc-codec.js';

export const DEFAULT_FIRST_BATCH = 101;
export const MAX_BATCH_BYTES = 16 * 1024 * 1024;
export const CURSOR_IDLE_MS = 10 * 60 * 1000;

export class Cursor {
  lastUsed = Date.now();
  private pending: Stored | undefined;
  private done = false;

  /** 0 until registered: an id (random, so costly) is only made for a cursor that needs one. */
  id: Long = Long.ZERO;

  constructor(
    readonly ns: string,
    private readonly source: Iterator<Stored>,
    readonly noTimeout: boolean,
    /** Documents still allowed by the query's limit. */
    private remaining: number,
  ) {}

  get exhausted(): boolean {
    return this.done && this.pending === undefined;
  }

  private pull(): Stored | undefined {
    if (this.pending !== undefined) {
      const b = this.pending;
      this.pending = undefined;
      return b;
    }
    if (this.done) return undefined;
    if (this.remaining <= 0) {
      this.done = true;
      return undefined;
    }
    const r = this.source.next();
    if (r.done) {
      this.done = true;
      return undefined;
    }
    this.remaining--;
    return r.value;
  }

  /** Up to `max` documents (and about 16 MB). Sets `exhausted` when nothing is left. */
  nextBatch(max: number): Stored[] {
    this.lastUsed = Date.now();
    const batch: Stored[] = [];
    let bytes = 0;
    while (batch.length < max) {
      const b = this.pull();
      if (b === undefined) break;
      if (batch.length > 0 && bytes + b.length > MAX_BATCH_BYTES) {
        this.pending = b;
        break;
      }
      batch.push(b);
      bytes += b.length;
    }
    // Look ahead so a finished cursor reports id 0 in the batch that ends it.
    if (this.pending === undefined && !this.done) {
      const b = this.pull();
      if (b !== undefined) this.pending = b;
    }
    return batch;
  }

  close(): void {
    this.done = true;
    this.pending = undefined;
    (this.source as { return?: () => unknown }).return?.();
  }
}

function newCursorId(): Long {
  // Positive, non-zero int64 (drivers treat 0 as "no cursor").
  return Long.fromBits(randomInt(1, 2 ** 31), randomInt(1, 2 ** 31));
}

export class CursorManager {
  private readonly cursors = new Map<string, Cursor>();

  /** A cursor not yet registered: most results fit the first batch and never need one. */
  create(ns: string, source: Iterator<Stored>, opts: { noTimeout?: boolean; limit?: number } = {}): Cursor {
    return new Cursor(ns, source, opts.noTimeout === true, opts.limit && opts.limit > 0 ? opts.limit : Infinity);
  }

  /** Keep a cursor for getMore; gives it its id. */
  register(c: Cursor): void {
    let id = newCursorId();
    let key = id.toString();
    while (this.cursors.has(key)) {
      id = newCursorId();
      key = id.toString();
    }
    c.id = id;
    this.cursors.set(key, c);
  }

  get(id: Long | number | bigint): Cursor | undefined {
    return this.cursors.get(String(id));
  }

  /** Forget a cursor (after its last batch, or when killed). */
  kill(id: Long | number | bigint): boolean {
    const key = String(id);
    const c = this.cursors.get(key);
    if (!c) return false;
    c.close();
    this.cursors.delete(key);
    return true;
  }

  get size(): number {
    return this.cursors.size;
  }

  sweep(now = Date.now(), idleMs = CURSOR_IDLE_MS): number {
    let n = 0;
    for (const [key, c] of this.cursors) {
      if (!c.noTimeout && now - c.lastUsed > idleMs) {
        c.close();
        this.cursors.delete(key);
        n++;
      }
    }
    return n;
  }

  closeAll(): void {
    for (const c of this.cursors.values()) c.close();
    this.cursors.clear();
  }
}
