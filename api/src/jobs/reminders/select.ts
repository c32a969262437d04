/**
 * Daily reminder selection, pure: given the open nodes and problems near or past their dates as
 * of D, who hears about what. Rules (DOMAIN.md "Reminders"):
 * - a node overdue or due soon (domain/lights.ts, 15 days) goes to the staff of its unit and
 *   to the project's owners;
 * - a problem overdue, or due within `problemDueSoonDays` (3) — its deadline is short, so the
 *   nodes' 15-day window would remind from the day it is raised — goes to the staff of its
 *   lead unit and co-units and to the project's owners;
 * - each person gets one reminder a day listing their items (keyed `reminder:<D>:<user>`);
 *   each unit's robot gets its unit's items; the district's robot a summary.
 * Items are ordered most overdue first, then soonest due, then by id.
 */
import { daysBetween, type CalendarDate } from '../../domain/dates.js';
import { nodeDelay, type LightConfig, type NodeDelayFacts } from '../../domain/lights.js';
import { isProblemOverdue, type ProblemTimingFacts } from '../../domain/problems.js';

export interface ReminderProject {
  id: string;
  name: string;
  code: string;
  /** Active owner accounts only. */
  ownerUserIds: string[];
}

export interface ReminderNode {
  id: string;
  projectId: string;
  name: string;
  unitId: string | null;
  facts: NodeDelayFacts;
}

export interface ReminderProblem {
  id: string;
  projectId: string;
  title: string;
  leadUnitId: string;
  coUnitIds: string[];
  facts: ProblemTimingFacts;
}

export interface ReminderInput {
  asOf: CalendarDate;
  lights: LightConfig;
  problemDueSoonDays: number;
  /** Live projects (signed, not terminated); items of other projects are dropped. */
  projects: ReminderProject[];
  nodes: ReminderNode[];
  problems: ReminderProblem[];
  /** Active staff per unit id. */
  usersByUnit: ReadonlyMap<string, readonly string[]>;
}

export type ReminderKind = 'NODE_OVERDUE' | 'NODE_DUE_SOON' | 'PROBLEM_OVERDUE' | 'PROBLEM_DUE_SOON';

export interface ReminderItem {
  kind: ReminderKind;
  projectId: string;
  projectName: string;
  nodeId: string | null;
  problemId: string | null;
  /** Node name or problem title. */
  label: string;
  /** Days overdue (OVERDUE) or days left (DUE_SOON). */
  days: number;
  unitIds: string[];
}

export interface Reminders {
  asOf: CalendarDate;
  items: ReminderItem[];
  byUser: Map<string, ReminderItem[]>;
  byUnit: Map<string, ReminderItem[]>;
}

const overdue = (i: ReminderItem) => i.kind === 'NODE_OVERDUE' || i.kind === 'PROBLEM_OVERDUE';

export function compareItems(a: ReminderItem, b: ReminderItem): number {
  if (overdue(a) !== overdue(b)) return overdue(a) ? -1 : 1;
  if (a.days !== b.days) return overdue(a) ? b.days - a.days : a.days - b.days;
  const ka = a.nodeId ?? a.problemId ?? '';
  const kb = b.nodeId ?? b.problemId ?? '';
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

export function selectReminders(input: ReminderInput): Reminders {
  const projects = new Map(input.projects.map((p) => [p.id, p]));
  const items: { item: ReminderItem; owners: string[] }[] = [];

  for (const n of input.nodes) {
    const p = projects.get(n.projectId);
    if (!p) continue;
    const d = nodeDelay(n.facts, input.asOf, input.lights);
    if (!d.open || (!d.overdue && !d.dueSoon)) continue;
    items.push({
      item: {
        kind: d.overdue ? 'NODE_OVERDUE' : 'NODE_DUE_SOON',
        projectId: p.id,
        projectName: p.name,
        nodeId: n.id,
        problemId: null,
        label: n.name,
        days: d.overdue ? d.overdueDays : (d.daysToDue ?? 0),
        unitIds: n.unitId ? [n.unitId] : [],
      },
      owners: p.ownerUserIds,
    });
  }

  for (const pr of input.problems) {
    const p = projects.get(pr.projectId);
    if (!p) continue;
    const f = pr.facts;
    const open = f.raisedOn <= input.asOf && !(f.resolvedOn != null && f.resolvedOn <= input.asOf);
    if (!open) continue;
    const left = daysBetween(input.asOf, f.deadline);
    const late = isProblemOverdue(f, input.asOf);
    if (!late && left > input.problemDueSoonDays) continue;
    items.push({
      item: {
        kind: late ? 'PROBLEM_OVERDUE' : 'PROBLEM_DUE_SOON',
        projectId: p.id,
        projectName: p.name,
        nodeId: null,
        problemId: pr.id,
        label: pr.title,
        days: late ? -left : left,
        unitIds: [...new Set([pr.leadUnitId, ...pr.coUnitIds])],
      },
      owners: p.ownerUserIds,
    });
  }

  items.sort((a, b) => compareItems(a.item, b.item));
  const byUser = new Map<string, ReminderItem[]>();
  const byUnit = new Map<string, ReminderItem[]>();
  const add = <K>(map: Map<K, ReminderItem[]>, key: K, item: ReminderItem) => {
    const list = map.get(key);
    if (!list) map.set(key, [item]);
    else if (list[list.length - 1] !== item) list.push(item);
  };
  for (const { item, owners } of items) {
    for (const u of item.unitIds) {
      add(byUnit, u, item);
      for (const user of input.usersByUnit.get(u) ?? []) add(byUser, user, item);
    }
    for (const owner of owners) add(byUser, owner, item);
  }
  return { asOf: input.asOf, items: items.map((i) => i.item), byUser, byUnit };
}

export const reminderKey = (asOf: CalendarDate, userId: string) => `reminder:${asOf}:${userId}`;

const LINE: Record<ReminderKind, (i: ReminderItem) => string> = {
  NODE_OVERDUE: (i) => `【节点逾期${i.days}天】${i.projectName} · ${i.label}`,
  NODE_DUE_SOON: (i) => `【节点${i.days === 0 ? '今天到期' : `${i.days}天后到期`}】${i.projectName} · ${i.label}`,
  PROBLEM_OVERDUE: (i) => `【督办问题逾期${i.days}天】${i.projectName} · ${i.label}`,
  PROBLEM_DUE_SOON: (i) => `【督办问题${i.days === 0 ? '今天到期' : `${i.days}天后到期`}】${i.projectName} · ${i.label}`,
};

/** Counts in words: "2个节点逾期、1个督办问题即将到期". */
export function summarize(items: readonly ReminderItem[]): string {
  const count = (k: ReminderKind) => items.filter((i) => i.kind === k).length;
  const parts = [
    [count('NODE_OVERDUE'), '个节点逾期'],
    [count('NODE_DUE_SOON'), '个节点即将到期'],
    [count('PROBLEM_OVERDUE'), '个督办问题逾期'],
    [count('PROBLEM_DUE_SOON'), '个督办问题即将到期'],
  ] as const;
  return parts.filter(([n]) => n > 0).map(([n, s]) => `${n}${s}`).join('、');
}

/** The reminder a person reads: a title with the counts and one line per item (first 30). */
export function reminderMessage(asOf: CalendarDate, items: readonly ReminderItem[], maxLines = 30): { title: string; body: string } {
  const lines = items.slice(0, maxLines).map((i) => LINE[i.kind](i));
  if (items.length > maxLines) lines.push(`……等共${items.length}项，请登录系统查看`);
  return { title: `${asOf} 每日提醒：${summarize(items)}`, body: lines.join('\n') };
}
