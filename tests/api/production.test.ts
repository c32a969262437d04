/**
 * Production mode: introspection off, CSRF preflight required, batching refused, body limit
 * enforced, no field suggestions, no stack traces, internal errors masked.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi, type Client } from '../testkit/api.js';

const api = useApi({ production: true });
let promo: Client;

beforeAll(async () => {
  promo = await api.as('promo');
});

describe('production mode', () => {
  it('refuses introspection', async () => {
    const r = await promo.gql(`{ __schema { types { name } } }`);
    expect(r.data).toBeUndefined();
    expect(r.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('gives no field suggestions and no stack traces', async () => {
    const r = await promo.gql(`{ projectz { totalCount } }`);
    expect(r.errors?.[0].message).not.toMatch(/Did you mean/);
    expect(JSON.stringify(r.errors)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
  });

  it('requires a CSRF-safe request for GET and form posts', async () => {
    const get = await promo.agent.get('/graphql').query({ query: '{ apiVersion }' });
    expect(get.status).toBe(400);
    const form = await promo.agent.post('/graphql').type('form').send({ query: '{ apiVersion }' });
    expect(form.status).toBe(400);
    const upload = await promo.agent.post('/api/evidence').attach('file', Buffer.from('%PDF-1.4\n%%EOF\n'), 'a.pdf');
    expect(upload.status).toBe(400);
  });

  it('refuses batched operations and bodies over 1 MB', async () => {
    const batch = await promo.agent.post('/graphql').set('content-type', 'application/json').send([{ query: '{ apiVersion }' }]);
    expect(batch.status).toBe(400);
    const big = await promo.agent.post('/graphql').set('content-type', 'application/json').send({ query: '{ apiVersion }', variables: { x: 'x'.repeat(1_100_000) } });
    expect(big.status).toBe(413);
  });

  it('serves the Sandbox landing page only outside production', async () => {
    const r = await promo.agent.get('/graphql').set('accept', 'text/html');
    expect(r.headers['content-type']).not.toMatch(/html/);
  });
});
