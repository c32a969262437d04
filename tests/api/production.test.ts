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

/** Issue #6: the same checks in every form a client could try (tests/hardening covers the fuzzing). */
describe('production mode, every disguise', () => {
  const post = (body: unknown, type = 'application/json') => promo.agent.post('/graphql').set('content-type', type).send(body as object);

  it('refuses introspection however it is asked', async () => {
    for (const query of [
      '{ __type(name: "Project") { name fields { name } } }',
      '{ a: __schema { queryType { name } } }',
      'query { ... on Query { __schema { types { name } } } }',
      'fragment F on Query { __schema { directives { name } } } { ...F }',
    ]) {
      const r = await post({ query });
      expect([query, r.status, r.body.data, r.body.errors?.[0].extensions.code]).toEqual([query, 400, undefined, 'GRAPHQL_VALIDATION_FAILED']);
    }
  });

  it('names no schema element back: fields, arguments, types, enum values, input fields', async () => {
    const cases: [string, Record<string, unknown>?][] = [
      ['{ projects(firstt: 1) { totalCount } }'],
      ['{ projects { ... on ProjectConectio { totalCount } } }'],
      ['{ projects(filter: { stage: [SIGNE] }) { totalCount } }'],
      ['{ projects(filter: { stag: [SIGNED] }) { totalCount } }'],
      ['query($s: [Stage!]) { projects(filter: { stage: $s }) { totalCount } }', { s: ['LANDE'] }],
      ['query($f: ProjectFilter) { projects(filter: $f) { totalCount } }', { f: { tex: 'x' } }],
    ];
    for (const [query, variables] of cases) {
      const r = await post({ query, variables });
      expect([query, r.status]).toEqual([query, 400]);
      expect(JSON.stringify(r.body)).not.toMatch(/Did you mean|stacktrace/);
    }
  });

  it('requires the CSRF-safe form for every write path', async () => {
    expect((await post(JSON.stringify({ query: '{ apiVersion }' }), 'text/plain')).status).toBe(400);
    const multipart = await promo.agent.post('/graphql').field('operations', JSON.stringify({ query: '{ apiVersion }' })).field('map', '{}');
    expect(multipart.status).toBe(400);
    const ledger = await promo.agent.post('/api/ledger/import').attach('file', Buffer.from('PK'), '台账.xlsx');
    expect(ledger.status).toBe(400);
    expect(ledger.body.error.code).toBe('CSRF');
    // A JSON post cannot be sent cross-site without a preflight: it is the accepted form.
    expect((await post({ query: '{ apiVersion }' })).status).toBe(200);
  });

  it('refuses every batch, empty or long', async () => {
    for (const batch of [[], [{ query: '{ apiVersion }' }, { query: '{ apiVersion }' }], Array.from({ length: 200 }, () => ({ query: '{ apiVersion }' }))]) {
      expect((await post(batch)).status).toBe(400);
    }
  });

  it('enforces the body limits exactly: 1 MB for GraphQL, EVIDENCE_MAX_BYTES for evidence', async () => {
    const envelope = JSON.stringify({ query: '{ apiVersion }', variables: { x: '' } }).length;
    const under = await post({ query: '{ apiVersion }', variables: { x: 'x'.repeat(1024 * 1024 - envelope) } });
    expect(under.status).toBe(200);
    const over = await post({ query: '{ apiVersion }', variables: { x: 'x'.repeat(1024 * 1024 - envelope + 1) } });
    expect(over.status).toBe(413);
    expect(over.body.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(api.config.EVIDENCE_MAX_BYTES, 0x20)]);
    const file = await promo.agent.post('/api/evidence').set('x-requested-with', 'fetch').attach('file', big, 'big.pdf');
    expect(file.status).toBe(413);
    expect(file.body.error.code).toBe('FILE_TOO_LARGE');
  });

  it('answers request errors with a 4xx and no stack trace or internals', async () => {
    const answers = [
      await post({ query: '{ apiVersion' }),
      await post({ query: 'subscription { units { id } }' }),
      await post({ query: `{ ${'apiVersion '.repeat(3000)}}` }),
      await post({ query: 'query($id: ID!) { project(id: $id) { id } }', variables: { id: { $ne: null } } }),
      await api.anonymous().agent.post('/graphql').set('content-type', 'application/json').send({ query: '{ projects { totalCount } }' }),
      await post('{"query": "{ apiVersion }"', 'application/json'),
    ];
    for (const r of answers) {
      expect(r.status === 200 ? r.body.errors?.[0].extensions.code : r.status, r.text).not.toBe(500);
      expect(r.status).toBeLessThan(500);
      expect(r.text).not.toMatch(/stacktrace|INTERNAL_SERVER_ERROR|node_modules|\.ts:\d+/);
      expect(r.headers['x-powered-by']).toBeUndefined();
    }
  });
});
