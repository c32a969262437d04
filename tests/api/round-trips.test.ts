/**
 * `projects(first: N)` with nodes, units, owners and liaison leader costs a constant number of
 * database round trips, whatever N (counted with the driver's command monitoring).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi, type Client } from '../testkit/api.js';
import { createProject } from '../testkit/projects.js';

const api = useApi({ monitor: true });
let promo: Client;

beforeAll(async () => {
  promo = await api.as('promo');
  for (let i = 0; i < 105; i++) {
    await createProject(api, promo, { ownerUserIds: [api.users.owner_a.id], leadUnitId: api.ref.units.get('区经信局'), liaisonLeaderId: api.ref.leaders[i % api.ref.leaders.length] });
  }
}, 300_000);

const QUERY = `query($n: Int!) { projects(first: $n) { totalCount nodes { id code stage light tiers platform { name } chain { name }
  leadUnit { name } liaisonLeader { name } owners { displayName }
  nodes { id code status light unit { name } } } } }`;

async function roundTrips(n: number): Promise<{ count: number; names: string[] }> {
  await promo.gql(`{ apiVersion }`);
  api.commands.length = 0;
  const r = await promo.gql(QUERY, { n });
  expect(r.errors).toBeUndefined();
  expect(r.data.projects.nodes).toHaveLength(n);
  return { count: api.commands.length, names: [...api.commands] };
}

describe('round trips', () => {
  it('is the same at first = 10 and first = 100', async () => {
    const ten = await roundTrips(10);
    const hundred = await roundTrips(100);
    expect(hundred.count).toBe(ten.count);
    expect(ten.count).toBeLessThanOrEqual(14);
  });
});
