import { describe, expect, it } from 'vitest';
import { checkTemplateItems, templateFamilies, toItemInputs, type ItemRow, type TemplateVersion } from '@/features/admin/composables/templates.js';
import { formToSettingsInput, settingsToForm } from '@/features/admin/composables/settings.js';
import { scopeFor } from '@/features/admin/composables/useUsers.js';
import { menuFor } from '@/router/menu.js';
import { viewer } from './support/factories.js';

const row = (code: string, gate: ItemRow['gate'] = '', isLandingGate = false): ItemRow => ({ code, name: code, gate, isLandingGate, offsetDays: 0, defaultUnitId: '' });

describe('admin', () => {
  it('gives the administrator the admin pages and the figures, but no business lists', () => {
    expect(menuFor(viewer('ADMIN', { administer: true })).map((m) => m.name)).toEqual([
      'workbench',
      'metrics',
      'race',
      'notifications',
      'admin-users',
      'admin-org',
      'admin-templates',
      'admin-settings',
      'admin-targets',
      'admin-race',
      'admin-webhooks',
    ]);
  });

  it('checks a template has exactly one landing gate that is a gate, and unique codes', () => {
    expect(checkTemplateItems([row('SIGN', 'SIGNED'), row('LAND', 'LANDED', true)])).toEqual([]);
    expect(checkTemplateItems([row('SIGN', 'SIGNED'), row('LAND', 'LANDED')])).toContain('须且只能指定一个落地节点');
    expect(checkTemplateItems([row('LAND', '', true)])).toContain('落地节点必须是关键节点（选择对应阶段）');
    expect(checkTemplateItems([row('A', '', false), row('a', 'LANDED', true)])).toContain('节点代码不能重复');
    expect(toItemInputs([{ ...row(' start ', 'UNDER_CONSTRUCTION'), defaultUnitId: '' }])[0]).toEqual({
      code: 'START',
      name: 'start',
      gate: 'UNDER_CONSTRUCTION',
      isLandingGate: false,
      offsetDays: 0,
      defaultUnitId: null,
    });
  });

  it('groups template versions by key with the newest active version as current', () => {
    const v = (key: string, version: number, active: boolean) => ({ __typename: 'NodeTemplate', id: `${key}${version}`, key, name: key, version, active, createdAt: '', items: [] }) as TemplateVersion;
    const families = templateFamilies([v('LEASE', 1, true), v('STANDARD_LAND', 2, false), v('STANDARD_LAND', 1, true), v('STANDARD_LAND', 3, true)]);
    expect(families.map((f) => [f.key, f.current.version, f.versions.map((x) => x.version)])).toEqual([
      ['LEASE', 1, [1]],
      ['STANDARD_LAND', 3, [3, 2, 1]],
    ]);
  });

  it('edits amount thresholds in 万 and sends yuan', () => {
    const settings = {
      __typename: 'Settings' as const,
      dueSoonDays: 15,
      redOverdueDays: 30,
      staleLeadDays: 30,
      problemYellowDays: 15,
      duplicateWindowMonths: 12,
      over100MYuan: 100_000_000,
      over1BYuan: 1_000_000_000,
      over5BYuan: 5_000_000_000,
      foreignUsd: 100_000_000,
      reviewTolerance: 0.05,
      reviewDueDays: 60,
    };
    const form = settingsToForm(settings);
    expect(form.over5BYuan).toBe(500_000);
    expect(form).not.toHaveProperty('__typename');
    expect(formToSettingsInput({ ...form, over1BYuan: 80_000 }).over1BYuan).toBe(800_000_000);
  });

  it('keeps unit and platform scope only for the roles that have one', () => {
    expect(scopeFor('UNIT', { unitId: 'u', platformId: 'p' })).toEqual({ unitId: 'u', platformId: 'p' });
    expect(scopeFor('PROMOTION', { unitId: 'u', platformId: '' })).toEqual({ unitId: null, platformId: null });
    expect(scopeFor('LEADER', { unitId: 'u', platformId: 'p' })).toEqual({ unitId: null, platformId: null });
  });
});
