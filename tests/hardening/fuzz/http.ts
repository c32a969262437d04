/**
 * A cookie-keeping HTTP client over fetch (undici), sending bodies byte for byte. Every request
 * says it came through the trusted proxy over HTTPS from this client's own address, so the
 * session cookie (secure in production) is kept and the per-address login limit applies per
 * client. Raw socket access for requests fetch cannot send (lying Content-Length, truncation).
 */
import { connect } from 'node:net';

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON body, or undefined when it is not JSON. */
  json: any;
}

export interface RequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer | Uint8Array;
}

export class HttpClient {
  cookie: string | null = null;
  constructor(
    readonly base: string,
    readonly label: string,
    readonly address: string,
  ) {}

  async request(path: string, init: RequestInit = {}): Promise<HttpResult> {
    const headers: Record<string, string> = { 'x-forwarded-for': this.address, 'x-forwarded-proto': 'https', ...init.headers };
    if (this.cookie && !('cookie' in headers)) headers.cookie = this.cookie;
    const res = await fetch(this.base + path, { method: init.method ?? 'GET', headers, body: init.body as string | Uint8Array | undefined, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const m = /^zs\.sid=([^;]*)/.exec(c);
      if (m) this.cookie = m[1] && !/expires=Thu, 01 Jan 1970/i.test(c) ? `zs.sid=${m[1]}` : null;
    }
    const text = Buffer.from(await res.arrayBuffer()).toString('utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  }

  gql(query: unknown, variables?: unknown, extra: Record<string, unknown> = {}): Promise<HttpResult> {
    return this.request('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables, ...extra }) });
  }
}

/**
 * Writes `head` + `body` on a raw socket and returns what came back before the server closed the
 * connection or `timeoutMs` passed (a request the server waits on, like a truncated body, ends
 * with the timeout: that is an answer too, the server must only not die).
 */
export function rawExchange(base: string, payload: Buffer, timeoutMs = 1500): Promise<string> {
  const url = new URL(base);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(url.port), url.hostname, () => socket.end(payload));
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    };
    const timer = setTimeout(done, timeoutMs);
    socket.on('data', (d) => chunks.push(d));
    socket.on('close', done);
    socket.on('error', done);
  });
}
