import { describe, expect, it } from 'vitest';
import { guard } from '@/router/index.js';
import { access } from '@/router/access.js';
import { menuFor } from '@/router/menu.js';
import { viewer } from './support/factories.js';

const names = (v: ReturnType<typeof viewer>) => menuFor(v).map((m) => m.name);

describe('side menu by role', () => {
  it('gives an owner only the workbench and their own projects', () => {
    const owner = viewer('OWNER');
    expect(names(owner)).toEqual(['workbench', 'projects', 'problems', 'agreements', 'notifications']);
    expect(menuFor(owner).find((m) => m.name === 'projects')?.label).toBe('我的项目');
  });

  it('shows leads to promotion staff and the battle map only where the API allows the dashboard', () => {
    expect(names(viewer('PROMOTION', { createLead: true, createProject: true }))).toEqual([
      'workbench',
      'leads',
      'projects',
      'problems',
      'agreements',
      'metrics',
      'race',
      'notifications',
    ]);
    expect(names(viewer('LEADER', { viewDashboard: true, viewAllProjects: true }))).toEqual([
      'workbench',
      'leads',
      'projects',
      'problems',
      'agreements',
      'battle',
      'metrics',
      'race',
      'notifications',
    ]);
    expect(names(viewer('UNIT'))).toEqual(['workbench', 'projects', 'problems', 'agreements', 'metrics', 'notifications']);
  });

  it('gives administrators the figures and the oversight settings, not the problem lists', () => {
    const admin = names(viewer('ADMIN', { administer: true }));
    expect(admin).toEqual(expect.arrayContaining(['metrics', 'race', 'admin-targets', 'admin-race', 'admin-webhooks']));
    expect(admin).not.toContain('problems');
    expect(names(viewer('UNIT'))).not.toContain('admin-webhooks');
  });
});

describe('navigation guard', () => {
  const to = (meta: object, name = 'x') => ({ name, fullPath: '/x?y=1', meta });

  it('sends a signed-out visitor to login with the way back', async () => {
    expect(await guard(to({}), async () => null)).toEqual({ name: 'login', query: { redirect: '/x?y=1' } });
  });

  it('refuses pages the viewer may not open', async () => {
    expect(await guard(to({ allow: access.battle }), async () => viewer('OWNER'))).toEqual({ name: 'forbidden' });
    expect(await guard(to({ allow: access.battle }), async () => viewer('LEADER', { viewDashboard: true }))).toBe(true);
  });

  it('keeps owners and unit staff out of the figures and rankings', async () => {
    expect(await guard(to({ allow: access.metrics }), async () => viewer('OWNER'))).toEqual({ name: 'forbidden' });
    expect(await guard(to({ allow: access.race }), async () => viewer('UNIT'))).toEqual({ name: 'forbidden' });
    expect(await guard(to({ allow: access.metrics }), async () => viewer('PROMOTION'))).toBe(true);
  });

  it('says so on the login page when the API cannot be reached', async () => {
    const down = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await guard(to({}), down)).toEqual({ name: 'login', query: { redirect: '/x?y=1', reason: 'network' } });
    expect(await guard(to({ public: true }, 'login'), down)).toBe(true);
  });

  it('skips the login page for someone already signed in', async () => {
    expect(await guard(to({ public: true }, 'login'), async () => viewer('UNIT'))).toEqual({ name: 'workbench' });
  });
});
