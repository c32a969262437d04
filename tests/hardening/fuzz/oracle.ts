/**
 * What every answer must satisfy, whatever was sent:
 * - no 5xx status, and an answer at all (no hang, no dropped connection on a well-formed request);
 * - no stack trace, file path or internal error text in the body (production masks them);
 * - no INTERNAL_SERVER_ERROR in GraphQL errors (an unexpected failure is a 500 in disguise);
 * - no "Did you mean" suggestion and no introspection data (production hides the schema);
 * - for an accepted upload, a stored name without path or control characters.
 */
import type { HttpResult } from './http.js';
import type { HttpCase } from './cases.js';

const STACK = /\n\s+at [^\n]+|\bat [\w.<>$[\]]+ \((?:file:|node:|\/)|\/work\/|node_modules|\.ts:\d+:\d+|\.js:\d+:\d+|"stacktrace"|"exception"/;
const INTERNAL = /Mongo[A-Z]\w*Error|E11000|Cast to \w+ failed|BSON\w*Error|Maximum call stack|Cannot read propert|is not a function|is not iterable|undefined is not|ECONNREFUSED|Unexpected token .* in JSON|ValidationError: /;

export function checkAnswer(c: HttpCase, res: HttpResult | null, error: unknown): string[] {
  const problems: string[] = [];
  if (!res) {
    // Raw-socket cases may legitimately end with the server closing the connection.
    if (!c.raw) problems.push(`no answer: ${String((error as Error)?.message ?? error)}`);
    return problems;
  }
  if (res.status >= 500) problems.push(`HTTP ${res.status}`);
  if (STACK.test(res.text)) problems.push(`stack trace or path in body: ${excerpt(res.text, STACK)}`);
  if (INTERNAL.test(res.text)) problems.push(`internal error text in body: ${excerpt(res.text, INTERNAL)}`);
  if (/Did you mean/i.test(res.text)) problems.push(`schema suggestion in body: ${excerpt(res.text, /Did you mean/i)}`);
  const body = res.json;
  if (body && typeof body === 'object') {
    for (const e of (Array.isArray(body.errors) ? body.errors : []) as { extensions?: Record<string, unknown>; message?: string }[]) {
      const ext = e?.extensions ?? {};
      if (ext.code === 'INTERNAL_SERVER_ERROR') problems.push(`INTERNAL_SERVER_ERROR: ${e.message}`);
      for (const k of ['stacktrace', 'exception', 'detail']) if (k in ext) problems.push(`error extension "${k}" exposed`);
    }
    const data = body.data as Record<string, any> | undefined;
    if (data) {
      for (const v of Object.values(data)) {
        if (v && typeof v === 'object' && ('types' in v || 'queryType' in v || ('fields' in v && 'name' in v && !('id' in v)))) problems.push('introspection answered in production');
      }
    }
    if (c.path === '/api/evidence' && c.method === 'POST' && res.status === 201) {
      const name = String(body.filename ?? '');
      if (/[/\\\u0000-\u001f\u007f]/.test(name) || name.startsWith('.') || name.length > 120) problems.push(`unsafe stored file name ${JSON.stringify(name.slice(0, 80))}`);
    }
  }
  return problems;
}

function excerpt(text: string, re: RegExp): string {
  const m = re.exec(text);
  const at = m?.index ?? 0;
  return JSON.stringify(text.slice(Math.max(0, at - 60), at + 100));
}

/**
 * Whether a write request was refused: then it must have written nothing. A GraphQL answer is a
 * refusal when no root field answered with a result (null, an error, or a payload whose `errors`
 * list is not empty); aliases count one by one, so one accepted alias makes the request a write.
 */
export function refused(c: HttpCase, res: HttpResult | null): boolean {
  if (!res) return true;
  if (c.path === '/api/evidence') return res.status !== 201;
  if (c.path === '/api/ledger/import') return res.status !== 200;
  if (c.path !== '/graphql') return res.status >= 300;
  const bodies = Array.isArray(res.json) ? res.json : [res.json];
  return bodies.every((b: any) => {
    const data = b?.data;
    if (!data || typeof data !== 'object') return true;
    return Object.values(data).every((v: any) => v === null || v === false || (v && Array.isArray(v.errors) && v.errors.length > 0));
  });
}

/** Collections a refused request may still change, by operation (recorded attempts). */
export function mayChangeWhenRefused(c: HttpCase): Set<string> {
  if (c.op === 'login' || c.op === 'changePassword') return new Set(['users']);
  return new Set();
}

const MAX_TEXT = 4000;

/** Stored text the validation layer should have refused: longer than any field allows, or with NUL. */
export function badStoredText(collection: string, docs: Record<string, unknown>[]): string[] {
  if (collection === 'audit' || collection.startsWith('evidence.chunks') || collection === 'webhookOutbox') return [];
  const found: string[] = [];
  const walk = (v: unknown, path: string, id: string) => {
    if (found.length > 5) return;
    if (typeof v === 'string') {
      if (v.length > MAX_TEXT) found.push(`${collection}/${id} ${path}: ${v.length} characters stored`);
      else if (v.includes('\u0000')) found.push(`${collection}/${id} ${path}: NUL character stored`);
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}.${i}`, id));
    else if (v && typeof v === 'object' && !(v instanceof Date) && !Buffer.isBuffer(v) && (v as { _bsontype?: string })._bsontype === undefined) {
      for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k, id);
    }
  };
  for (const d of docs) walk(d, '', String(d._id));
  return found;
}
