/**
 * Local stand-ins for DingTalk group robots: one that accepts the connection and never answers
 * (not even headers), one that answers HTTP 500, one that works (`{"errcode":0}`). Each counts
 * the requests it received.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type RobotKind = 'hang' | 'fail' | 'ok';

export interface Robot {
  kind: RobotKind;
  url: string;
  /** Requests received (for `hang`: connections that sent a request and are still waiting). */
  received: number;
  close(): Promise<void>;
}

export async function startRobot(kind: RobotKind): Promise<Robot> {
  const sockets = new Set<Socket>();
  const robot: Robot = { kind, url: '', received: 0, close: async () => undefined };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    robot.received++;
    req.resume();
    if (kind === 'hang') return; // never answer: the sender's timeout must bound the wait
    req.on('end', () => {
      if (kind === 'fail') {
        res.writeHead(500, { 'content-type': 'text/plain' }).end('robot is broken');
      } else {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
      }
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  robot.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/robot/send?access_token=${kind}-token-0123456789`;
  robot.close = () =>
    new Promise<void>((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    });
  return robot;
}
