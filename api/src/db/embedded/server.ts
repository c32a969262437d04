/**
 * The TCP side: one Framer per connection, requests of a connection handled one at a time
 * in order (drivers never pipeline on a connection), replies written back in the protocol
 * of the request. A connection that sends anything malformed is logged and closed; every
 * other connection keeps being served.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { Document } from 'bson';
import { dispatch } from './commands/dispatch.js';
import type { ConnectionInfo, Runtime } from './commands/context.js';
import { MoreCodes, mongoError } from './engine/errors-ext.js';
import { Framer } from './wire/framer.js';
import { encodeReply, parseMessage, ProtocolError, type Request } from './wire/protocol.js';

let nextConnectionId = 1;

function legacyQueryReply(req: Request): Document {
  const err = mongoError(MoreCodes.UnsupportedOpQueryCommand, `Unsupported OP_QUERY command on ${req.legacyQueryNamespace}. The client driver may require an upgrade.`);
  return { $err: err.message, ...err.toReply() };
}

class Connection {
  private readonly framer = new Framer();
  private readonly queue: Buffer[] = [];
  private busy = false;
  private closed = false;
  readonly info: ConnectionInfo;

  constructor(
    private readonly socket: Socket,
    private readonly rt: Runtime,
    private readonly onClose: (c: Connection) => void,
  ) {
    this.info = { id: nextConnectionId++, remote: `${socket.remoteAddress}:${socket.remotePort}` };
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => this.close());
    socket.on('close', () => this.close());
  }

  private fail(reason: string): void {
    this.rt.logger.warn(`Closing connection ${this.info.id} from ${this.info.remote}: ${reason}`);
    this.close();
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    let messages: Buffer[];
    try {
      messages = this.framer.push(chunk);
    } catch (e) {
      this.fail((e as Error).message);
      return;
    }
    for (const m of messages) this.queue.push(m);
    if (!this.busy) void this.pump();
  }

  private async pump(): Promise<void> {
    this.busy = true;
    try {
      while (this.queue.length && !this.closed) {
        const raw = this.queue.shift()!;
        let req: Request;
        try {
          req = parseMessage(raw);
        } catch (e) {
          this.fail(e instanceof ProtocolError ? e.message : `unreadable message (${(e as Error).message})`);
          return;
        }
        const reply = req.legacyQueryNamespace ? legacyQueryReply(req) : await dispatch(this.rt, this.info, req.body);
        if (req.moreToCome || this.closed) continue;
        let out: Buffer;
        try {
          out = encodeReply(req, reply);
        } catch (e) {
          this.rt.logger.error(`Could not encode the reply on connection ${this.info.id}: ${(e as Error).message}`);
          out = encodeReply(req, { ok: 0, errmsg: `could not encode reply: ${(e as Error).message}`, code: 1, codeName: 'InternalError' });
        }
        this.socket.write(out);
      }
    } catch (e) {
      this.fail(`internal error: ${(e as Error).stack ?? e}`);
    } finally {
      this.busy = false;
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue.length = 0;
    this.socket.destroy();
    this.onClose(this);
  }
}

export interface WireServer {
  readonly server: Server;
  readonly port: number;
  close(): Promise<void>;
}

export function listen(rt: Runtime, host: string, port: number): Promise<WireServer> {
  const connections = new Set<Connection>();
  const server = createServer((socket) => {
    rt.counters.connectionsCurrent++;
    rt.counters.connectionsTotal++;
    const conn = new Connection(socket, rt, (c) => {
      if (connections.delete(c)) rt.counters.connectionsCurrent--;
    });
    connections.add(conn);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const addr = server.address();
      const actual = typeof addr === 'object' && addr ? addr.port : port;
      resolve({
        server,
        port: actual,
        close: () =>
          new Promise<void>((done) => {
            for (const c of [...connections]) c.close();
            server.close(() => done());
          }),
      });
    });
  });
}
