/**
 * What a command handler gets: the server runtime (engine, cursors, sessions, counters),
 * the connection, the command document and, inside a transaction, the transaction.
 */
import type { Document } from 'bson';
import type { ReadView } from '../engine/catalog.js';
import { CursorManager } from '../engine/cursors.js';
import type { Engine, Logger } from '../engine/engine.js';
import { SessionRegistry, type Session } from '../engine/sessions.js';
import type { Transaction } from '../engine/transaction.js';
import type { Writer } from '../engine/writer.js';

export interface ServerInfo {
  /** host:port announced in hello (hosts, primary, me). */
  advertised: string;
  port: number;
  bindIp: string;
  dbpath: string | null;
  startedAt: Date;
  argv: string[];
}

export interface ConnectionInfo {
  id: number;
  remote: string;
  client?: Document;
}

export class Counters {
  insert = 0;
  query = 0;
  update = 0;
  delete = 0;
  getmore = 0;
  command = 0;
  connectionsCurrent = 0;
  connectionsTotal = 0;
}

export class Runtime {
  readonly cursors = new CursorManager();
  readonly sessions = new SessionRegistry();
  readonly counters = new Counters();

  constructor(
    readonly engine: Engine,
    readonly info: ServerInfo,
    readonly logger: Logger,
  ) {}
}

export class CommandContext {
  constructor(
    readonly rt: Runtime,
    readonly conn: ConnectionInfo,
    readonly body: Document,
    readonly db: string,
    readonly session: Session | null,
    readonly txn: Transaction | null,
  ) {}

  get engine(): Engine {
    return this.rt.engine;
  }

  /** The state this command reads: its transaction's, or everything acknowledged. */
  view(): ReadView {
    return this.rt.engine.viewFor(this.txn);
  }

  /** Run a write against the transaction or the latest state (then persisted). */
  write<T>(fn: (w: Writer) => T): Promise<T> {
    if (this.txn) {
      try {
        return Promise.resolve(this.rt.engine.writeInTransaction(this.txn, fn));
      } catch (e) {
        return Promise.reject(e);
      }
    }
    return this.rt.engine.write(fn);
  }
}

export type CommandHandler = (ctx: CommandContext) => Document | Promise<Document>;
