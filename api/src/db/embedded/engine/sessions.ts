/**
 * Logical sessions (the `lsid` drivers attach to every command): the state of retryable
 * writes and of the session's transaction. Sessions idle longer than
 * logicalSessionTimeoutMinutes are forgotten (their transaction aborted).
 */
import type { Binary, Document } from 'bson';
import { hashKey } from './query-api.js';
import type { Transaction } from './transaction.js';

export const SESSION_TIMEOUT_MINUTES = 30;

/** The outcome of the latest retryable write of a session, replayed on a retry. */
export interface RetryRecord {
  txnNumber: number;
  /** Set once the write has finished successfully. */
  reply?: Document;
  /** The write in progress (a retry that arrives meanwhile waits for it). */
  pending?: Promise<Document>;
}

export class Session {
  lastUse = Date.now();
  /** Highest txnNumber seen (retryable writes and transactions share the counter). */
  highestTxnNumber = -1;
  txn: Transaction | null = null;
  retry: RetryRecord | null = null;

  constructor(readonly key: string) {}
}

/**
 * The registry key of an lsid. Drivers send a 16-byte UUID Binary with every command; its
 * bytes as a one-byte string make the key without hashKey's copy and base64 encoding.
 */
function sessionKey(lsid: Document): string {
  const id = lsid.id ?? lsid;
  if ((id as { _bsontype?: string })?._bsontype === 'Binary') {
    const b = id as Binary;
    return `B${b.sub_type}:${Buffer.from(b.buffer.buffer, b.buffer.byteOffset, b.position).toString('latin1')}`;
  }
  return hashKey(id);
}

export class SessionRegistry {
  private readonly sessions = new Map<string, Session>();

  /** The session for an `lsid` document, created on first use. */
  get(lsid: Document): Session {
    const key = sessionKey(lsid);
    let s = this.sessions.get(key);
    if (!s) {
      s = new Session(key);
      this.sessions.set(key, s);
    }
    s.lastUse = Date.now();
    return s;
  }

  /** End a session; returns it (so its transaction can be aborted) if it existed. */
  end(lsid: Document): Session | undefined {
    const key = sessionKey(lsid);
    const s = this.sessions.get(key);
    this.sessions.delete(key);
    return s;
  }

  all(): Session[] {
    return [...this.sessions.values()];
  }

  clear(): Session[] {
    const all = this.all();
    this.sessions.clear();
    return all;
  }

  /** Remove sessions idle for longer than the timeout; returns them. */
  sweep(now = Date.now(), timeoutMs = SESSION_TIMEOUT_MINUTES * 60_000): Session[] {
    const gone: Session[] = [];
    for (const [key, s] of this.sessions) {
      if (now - s.lastUse > timeoutMs) {
        this.sessions.delete(key);
        gone.push(s);
      }
    }
    return gone;
  }

  get size(): number {
    return this.sessions.size;
  }
}
