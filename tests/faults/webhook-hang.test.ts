/**
 * A short bench/faults/webhook-hang.ts: robots that hang or answer 500 while the API serves a
 * steady workload. The latency allowance is wider than the script's (3× + 100 ms instead of
 * 1.5× + 25 ms): a shared CI machine is noisy, and what this must catch is a request waiting on
 * a robot (seconds), not a few milliseconds.
 */
import { describe, expect, it } from 'vitest';
import { webhookRound } from '../../bench/faults/lib/webhook-round.js';

describe('robots that hang or fail', () => {
  it('slow no request, wait for their retry with the error kept, and hold up no working robot', async () => {
    const r = await webhookRound({ beforeMs: 4_000, duringMs: 10_000, sendTimeoutMs: 2_000, limits: { factor: 3, slackMs: 100 } });
    expect(r.problems).toEqual([]);
    expect(r.before.requests).toBeGreaterThan(10);
    expect(r.robots.hang.received).toBeGreaterThan(0);
    expect(r.robots.fail.received).toBeGreaterThan(0);
    expect(r.okSent).toBeGreaterThan(0);
  }, 60_000);
});
