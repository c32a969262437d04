/**
 * DingTalk custom-robot protocol (浙政钉 robots speak the same): markdown messages, and the
 * 加签 signature — sign = base64(HMAC-SHA256(key = secret, "timestamp\nsecret")), sent URL-encoded
 * as `&timestamp=<ms>&sign=<sign>` (https://open.dingtalk.com/document/robots/customize-robot-security-settings).
 * A robot answers HTTP 200 with `{ errcode, errmsg }`; any errcode other than 0 is a failure.
 */
import { createHmac } from 'node:crypto';

export function dingTalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

export function signedUrl(url: string, secret: string | null, timestampMs: number): string {
  if (!secret) return url;
  return `${url}${url.includes('?') ? '&' : '?'}timestamp=${timestampMs}&sign=${encodeURIComponent(dingTalkSign(secret, timestampMs))}`;
}

/** DingTalk caps a message at 20,000 bytes; stay well below it. */
const MAX_TEXT = 4000;

export function markdownMessage(title: string, text: string) {
  const t = text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}\n\n……（内容过长已截断，详见系统）` : text;
  return { msgtype: 'markdown' as const, markdown: { title: title.replace(/\s+/g, ' ').slice(0, 100), text: t } };
}

export class WebhookError extends Error {}

/**
 * Posts one message; resolves when the robot accepted it, throws WebhookError otherwise.
 * `signal` bounds the whole exchange (headers and body): a robot that hangs is abandoned.
 */
export async function postToRobot(
  url: string,
  secret: string | null,
  message: ReturnType<typeof markdownMessage>,
  opts: { signal: AbortSignal; timestampMs: number; fetchImpl?: typeof fetch },
): Promise<void> {
  const doFetch = opts.fetchImpl ?? fetch;
  let res: Response;
  try {
    res = await doFetch(signedUrl(url, secret, opts.timestampMs), {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(message),
      signal: opts.signal,
      redirect: 'error',
    });
  } catch (e) {
    throw new WebhookError(describe(e));
  }
  let body: string;
  try {
    body = await res.text();
  } catch (e) {
    throw new WebhookError(describe(e));
  }
  if (!res.ok) throw new WebhookError(`HTTP ${res.status}${body ? `: ${body.slice(0, 200)}` : ''}`);
  let parsed: { errcode?: unknown; errmsg?: unknown } | null = null;
  try {
    parsed = JSON.parse(body) as { errcode?: unknown; errmsg?: unknown };
  } catch {
    parsed = null; // not JSON: a 2xx from a relay that does not echo DingTalk's answer counts as sent
  }
  if (parsed && typeof parsed === 'object' && parsed.errcode !== undefined && parsed.errcode !== 0) {
    throw new WebhookError(`errcode ${String(parsed.errcode)}: ${String(parsed.errmsg ?? '').slice(0, 200)}`);
  }
}

function describe(e: unknown): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return '请求超时或被中止';
  const cause = err?.cause?.code ?? err?.cause?.message;
  return `${err?.message ?? String(e)}${cause ? ` (${cause})` : ''}`.slice(0, 300);
}
