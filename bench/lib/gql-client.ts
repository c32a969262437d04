/**
 * A minimal GraphQL-over-HTTP client for the benchmark and fault scripts: log in as a user,
 * keep the session cookie, post operations with an optional request id (the audit log records
 * it, which is how the fault scripts find the entry of each acknowledged mutation).
 *
 * Built on node:http rather than fetch for one option fetch lacks: the local address. Logins
 * are rate-limited per client IP (20 a minute), so logging in hundreds of users from one
 * machine uses a different loopback source address (127.x.y.z) per user, as separate clients
 * would, without telling the API to trust a proxy header.
 */
import { request } from 'node:http';
import { print, type DocumentNode } from 'graphql';

export interface GqlResult<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
  /** Milliseconds from send to the full body. */
  ms: number;
  setCookie: string | null;
}

export interface PostOptions {
  requestId?: string;
  timeoutMs?: number;
  /** Source address of the connection (any 127.x.y.z on Linux loopback). */
  localAddress?: string;
}

const printed = new WeakMap<DocumentNode, string>();
/** A query string from a document (the client's generated documents) or a string. */
export function queryText(doc: DocumentNode | string): string {
  if (typeof doc === 'string') return doc;
  let s = printed.get(doc);
  if (!s) printed.set(doc, (s = print(doc)));
  return s;
}

/** POSTs a JSON body; resolves with status, headers and text, rejects on network errors and timeouts. */
export function httpPost(url: string, body: string, headers: Record<string, string>, opts: { timeoutMs?: number; localAddress?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }>((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        localAddress: opts.localAddress,
        agent: opts.localAddress ? false : undefined,
        timeout: opts.timeoutMs ?? 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${opts.timeoutMs ?? 30_000} ms`), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end(body);
  });
}

export async function postGql<T = Record<string, unknown>>(
  baseUrl: string,
  doc: DocumentNode | string,
  variables: Record<string, unknown> = {},
  cookie?: string,
  opts: PostOptions = {},
): Promise<GqlResult<T>> {
  const started = performance.now();
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (cookie) headers.cookie = cookie;
  if (opts.requestId) headers['x-request-id'] = opts.requestId;
  const res = await httpPost(`${baseUrl}/graphql`, JSON.stringify({ query: queryText(doc), variables }), headers, opts);
  let body: { data?: T; errors?: GqlResult['errors'] } = {};
  try {
    body = JSON.parse(res.text) as typeof body;
  } catch {
    body = { errors: [{ message: `non-JSON response (HTTP ${res.status}): ${res.text.slice(0, 200)}` }] };
  }
  const sc = res.headers['set-cookie'];
  return { status: res.status, data: body.data, errors: body.errors, ms: performance.now() - started, setCookie: Array.isArray(sc) ? sc.join(', ') : (sc ?? null) };
}

export class Session {
  constructor(
    readonly baseUrl: string,
    readonly username: string,
    readonly cookie: string,
    readonly userId: string,
    readonly role: string,
  ) {}

  gql<T = Record<string, unknown>>(doc: DocumentNode | string, variables: Record<string, unknown> = {}, opts: PostOptions = {}) {
    return postGql<T>(this.baseUrl, doc, variables, this.cookie, opts);
  }
}

const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { viewer { user { id role } } errors { code message } } }`;

/** Logs in; throws with the API's message when it refuses. */
export async function login(baseUrl: string, username: string, password: string, localAddress?: string): Promise<Session> {
  const r = await postGql<{ login: { viewer: { user: { id: string; role: string } } | null; errors: { message: string }[] } }>(
    baseUrl,
    LOGIN,
    { u: username, p: password },
    undefined,
    { localAddress },
  );
  const viewer = r.data?.login.viewer;
  if (!viewer || !r.setCookie) throw new Error(`login ${username} failed: ${JSON.stringify(r.errors ?? r.data?.login.errors)}`);
  return new Session(baseUrl, username, r.setCookie.split(';')[0], viewer.user.id, viewer.user.role);
}

/** A distinct loopback source address for client number i (127.1.0.1, 127.1.0.2, …). */
export function loopbackAddress(i: number): string {
  return `127.1.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`;
}
