import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TEMPLATES,
  EXPANSION_TEMPLATE,
  LEASED_FACTORY_TEMPLATE,
  STANDARD_LAND_TEMPLATE,
  landingGateOf,
  planNodes,
  validateTemplate,
  type NodeTemplate,
} from '../../api/src/domain/templates.js';

function codes(t: NodeTemplate): string[] {
  const r = validateTemplate(t);
  return r.ok ? [] : r.errors.map((e) => e.code);
}

function edit(base: NodeTemplate, change: (nodes: NodeTemplate['nodes']) => NodeTemplate['nodes']): NodeTemplate {
  return { ...base, nodes: change(base.nodes.map((n) => ({ ...n }))) };
}

describe('shipped templates', () => {
  it.each(DEFAULT_TEMPLATES.map((t) => [t.name, t] as const))('%s is valid', (_, template) => {
    expect(validateTemplate(template)).toEqual({ ok: true });
  });

  it('name their landing gates', () => {
    expect(landingGateOf(STANDARD_LAND_TEMPLATE)).toBe('LAND');
    expect(landingGateOf(EXPANSION_TEMPLATE)).toBe('FILING');
    expect(landingGateOf(LEASED_FACTORY_TEMPLATE)).toBe('LEASE');
  });

  it('carry the DOMAIN offsets', () => {
    const offsets = (t: NodeTemplate) => Object.fromEntries(t.nodes.map((n) => [n.code, n.offsetDays]));
    expect(offsets(STANDARD_LAND_TEMPLATE)).toEqual({
      SIGN: 0, REGISTER: 30, FILING: 45, LAND: 90, APPROVALS: 120, PERMIT: 150, START: 180,
      TOPPING: 360, ACCEPT: 540, PRODUCE: 600, CAPACITY: 1330, REVIEW: 1420,
    });
    expect(offsets(EXPANSION_TEMPLATE)).toEqual({
      SIGN: 0, FILING: 30, APPROVALS: 60, PERMIT: 90, START: 120, ACCEPT: 360, PRODUCE: 420, CAPACITY: 1000, REVIEW: 1090,
    });
    expect(offsets(LEASED_FACTORY_TEMPLATE)).toEqual({
      SIGN: 0, REGISTER: 30, LEASE: 45, FILING: 60, APPROVALS: 90, START: 120, ACCEPT: 240, PRODUCE: 270, CAPACITY: 730, REVIEW: 820,
    });
  });
});

describe('planNodes', () => {
  it('plans signing date + offset', () => {
    const plan = planNodes(STANDARD_LAND_TEMPLATE, '2025-01-15');
    const byCode = Object.fromEntries(plan.map((p) => [p.code, p]));
    expect(byCode.SIGN.plannedDate).toBe('2025-01-15');
    // +90: 16 days to 31 Jan, 28 in Feb (44), 31 in Mar (75), 15 more → 15 Apr
    expect(byCode.LAND.plannedDate).toBe('2025-04-15');
    expect(byCode.LAND.isLandingGate).toBe(true);
    // +1420: 3 years to 2028-01-15 is 365+365+365 = 1095; 325 more days in leap 2028:
    // 15 Jan → 15 Nov is 31+29+31+30+31+30+31+31+30+31 = 305, +20 → 5 Dec
    expect(byCode.REVIEW.plannedDate).toBe('2028-12-05');
    expect(byCode.START.defaultUnit).toEqual({ kind: 'PLATFORM' });
    expect(byCode.LAND.defaultUnit).toEqual({ kind: 'UNIT', name: '区自然资源和规划分局' });
    expect(plan.map((p) => p.order)).toEqual(plan.map((_, i) => i));
  });

  it('crosses the year end for a 31 Dec signing', () => {
    const plan = planNodes(STANDARD_LAND_TEMPLATE, '2024-12-31');
    expect(plan.find((p) => p.code === 'SIGN')?.plannedDate).toBe('2024-12-31');
    expect(plan.find((p) => p.code === 'REGISTER')?.plannedDate).toBe('2025-01-30'); // +30
  });

  it('refuses an invalid template or date', () => {
    const broken = edit(STANDARD_LAND_TEMPLATE, (nodes) => nodes.filter((n) => n.code !== 'REVIEW'));
    expect(() => planNodes(broken, '2025-01-15')).toThrow(/TEMPLATE_GATE_MISSING/);
    expect(() => planNodes(STANDARD_LAND_TEMPLATE, '2025-02-30')).toThrow(RangeError);
  });
});

describe('validateTemplate', () => {
  it('requires exactly one landing gate', () => {
    const two = edit(STANDARD_LAND_TEMPLATE, (nodes) => nodes.map((n) => (n.code === 'FILING' ? { ...n, isLandingGate: true } : n)));
    expect(codes(two)).toContain('TEMPLATE_LANDING_GATE_COUNT');
    const none = edit(STANDARD_LAND_TEMPLATE, (nodes) => nodes.map((n) => ({ ...n, isLandingGate: false })));
    expect(codes(none)).toContain('TEMPLATE_LANDING_GATE_COUNT');
  });

  it('requires the landing gate to be the LANDED gate', () => {
    const wrong = edit(STANDARD_LAND_TEMPLATE, (nodes) =>
      nodes.map((n) => (n.code === 'LAND' ? { ...n, isLandingGate: false } : n.code === 'FILING' ? { ...n, isLandingGate: true } : n)),
    );
    expect(codes(wrong)).toEqual(['TEMPLATE_LANDING_GATE_MISMATCH']);
  });

  it('requires every gate once', () => {
    const missing = edit(STANDARD_LAND_TEMPLATE, (nodes) => nodes.map((n) => (n.code === 'ACCEPT' ? { ...n, gate: null } : n)));
    expect(codes(missing)).toEqual(['TEMPLATE_GATE_MISSING']);
    const twice = edit(STANDARD_LAND_TEMPLATE, (nodes) => nodes.map((n) => (n.code === 'TOPPING' ? { ...n, gate: 'UNDER_CONSTRUCTION' as const } : n)));
    expect(codes(twice)).toContain('TEMPLATE_GATE_DUPLICATE');
  });

  it('requires non-decreasing offsets along gates', () => {
    // START (gate) at 80 < LAND (gate) at 90
    const early = edit(STANDARD_LAND_TEMPLATE, (nodes) => nodes.map((n) => (n.code === 'START' ? { ...n, offsetDays: 80 } : n)));
    expect(codes(early)).toEqual(['TEMPLATE_GATE_ORDER']);
    // Equal offsets are allowed: START on the same day as LAND
    const same = edit(STANDARD_LAND_TEMPLATE, (nodes) => nodes.map((n) => (n.code === 'START' ? { ...n, offsetDays: 90 } : n)));
    expect(validateTemplate(same).ok).toBe(true);
    // A non-gate node may sit earlier than the gate before it
    const nonGate = edit(STANDARD_LAND_TEMPLATE, (nodes) => nodes.map((n) => (n.code === 'PERMIT' ? { ...n, offsetDays: 10 } : n)));
    expect(validateTemplate(nonGate).ok).toBe(true);
  });

  it('requires gates in lifecycle order', () => {
    const swapped = edit(STANDARD_LAND_TEMPLATE, (nodes) => {
      const i = nodes.findIndex((n) => n.code === 'PRODUCE');
      const j = nodes.findIndex((n) => n.code === 'ACCEPT');
      [nodes[i], nodes[j]] = [nodes[j], nodes[i]];
      return nodes;
    });
    expect(codes(swapped)).toContain('TEMPLATE_GATE_ORDER');
  });

  it('fixes SIGN at offset 0 and the codes of non-landing gates', () => {
    const late = edit(STANDARD_LAND_TEMPLATE, (nodes) => nodes.map((n) => (n.code === 'SIGN' ? { ...n, offsetDays: 5 } : n)));
    expect(codes(late)).toContain('TEMPLATE_SIGN_OFFSET');
    const renamed = edit(STANDARD_LAND_TEMPLATE, (nodes) => nodes.map((n) => (n.code === 'START' ? { ...n, code: 'BEGIN' } : n)));
    expect(codes(renamed)).toEqual(['TEMPLATE_GATE_CODE']);
  });

  it('checks node fields', () => {
    const dup = edit(STANDARD_LAND_TEMPLATE, (nodes) => nodes.map((n) => (n.code === 'TOPPING' ? { ...n, code: 'PERMIT' } : n)));
    expect(codes(dup)).toEqual(['TEMPLATE_NODE_CODE_DUPLICATE']);
    const negative = edit(STANDARD_LAND_TEMPLATE, (nodes) => nodes.map((n) => (n.code === 'TOPPING' ? { ...n, offsetDays: -1 } : n)));
    expect(codes(negative)).toEqual(['TEMPLATE_NODE_OFFSET_INVALID']);
    const fraction = edit(STANDARD_LAND_TEMPLATE, (nodes) => nodes.map((n) => (n.code === 'TOPPING' ? { ...n, offsetDays: 1.5 } : n)));
    expect(codes(fraction)).toEqual(['TEMPLATE_NODE_OFFSET_INVALID']);
    const noUnit = edit(STANDARD_LAND_TEMPLATE, (nodes) =>
      nodes.map((n) => (n.code === 'TOPPING' ? { ...n, defaultUnit: { kind: 'UNIT' as const, name: ' ' } } : n)),
    );
    expect(codes(noUnit)).toEqual(['TEMPLATE_NODE_UNIT_REQUIRED']);
    expect(codes({ ...STANDARD_LAND_TEMPLATE, nodes: [] })).toEqual(['TEMPLATE_EMPTY']);
    expect(codes({ ...STANDARD_LAND_TEMPLATE, version: 0 })).toEqual(['TEMPLATE_VERSION_INVALID']);
  });
});
