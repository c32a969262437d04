/**
 * One text/number form per project field in the 台账, both ways: `toCells` (export) and
 * `parseCells` (import). Names stand for ids (平台, 产业链, 责任单位, 包联领导, 节点模板, 项目来源);
 * money is 万元 with at most 4 decimals (whole yuan) and foreign investment 万美元 with the
 * USD rate recorded at signing. Parsing reports format problems per cell in Chinese; the
 * project service then applies its own rules to the parsed values.
 */
import type { Types } from 'mongoose';
import { fromUtcMidnight, isValidCalendarDate, toUtcMidnight } from '../../domain/dates.js';
import { fromWan, toWan } from '../../domain/money.js';
import { foreignUsdEquivalent } from '../../domain/tiers.js';
import { normalizeUscc } from '../../domain/uscc.js';
import { ChainModel, LiaisonLeaderModel, PlatformModel, UnitModel } from '../org/model.js';
import { SOURCES } from '../projects/model.js';
import type { ProjectRecord } from '../projects/types.js';
import { TemplateModel } from '../templates/model.js';
import { SOURCE_LABELS } from '../metrics/labels.js';
import { COL, type ColumnKey } from './columns.js';

type Named = { _id: Types.ObjectId; name: string };

/** Id ↔ name of everything the sheet names. Names that two records share cannot be imported. */
export interface NameBook {
  platforms: Map<string, string>;
  chains: Map<string, string>;
  units: Map<string, string>;
  leaders: Map<string, string>;
  /** Template id (any version) → key and name. */
  templates: Map<string, { key: string; name: string }>;
}

export async function loadNameBook(): Promise<NameBook> {
  const [platforms, chains, units, leaders, templates] = await Promise.all([
    PlatformModel.find({}, { name: 1 }).lean() as Promise<Named[]>,
    ChainModel.find({}, { name: 1 }).lean() as Promise<Named[]>,
    UnitModel.find({}, { name: 1 }).lean() as Promise<Named[]>,
    LiaisonLeaderModel.find({}, { name: 1 }).lean() as Promise<Named[]>,
    TemplateModel.find({}, { key: 1, name: 1, active: 1 }).lean() as Promise<(Named & { key: string; active: boolean })[]>,
  ]);
  const map = (docs: Named[]) => new Map(docs.map((d) => [d._id.toHexString(), d.name]));
  return {
    platforms: map(platforms),
    chains: map(chains),
    units: map(units),
    leaders: map(leaders),
    templates: new Map(templates.map((t) => [t._id.toHexString(), { key: t.key, name: t.name }])),
  };
}

export type CellValue = string | number | Date | null;

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** The sheet's values of a project's editable and identifying fields. */
export function toCells(p: ProjectRecord, book: NameBook): Partial<Record<ColumnKey, CellValue>> {
  const fi = p.foreignInvestment;
  const usd = fi ? foreignUsdEquivalent({ ...fi, usdCnyRate: fi.usdCnyRate ?? null }) : null;
  return {
    code: p.code,
    name: p.name,
    investor: p.investor,
    uscc: p.uscc ?? null,
    platform: book.platforms.get(p.platformId) ?? null,
    chain: p.chainId ? (book.chains.get(p.chainId) ?? null) : null,
    totalWan: toWan(p.totalInvestment),
    foreignUsdWan: usd === null ? null : round4(usd / 10_000),
    usdRate: fi ? (fi.currency === 'USD' ? fi.cnyRate : (fi.usdCnyRate ?? null)) : null,
    signedOn: p.signedOn ? toUtcMidnight(p.signedOn) : null,
    leadUnit: p.leadUnitId ? (book.units.get(p.leadUnitId) ?? null) : null,
    liaisonLeader: p.liaisonLeaderId ? (book.leaders.get(p.liaisonLeaderId) ?? null) : null,
    industryCode: p.industryCode ?? null,
    source: SOURCE_LABELS[p.source as keyof typeof SOURCE_LABELS] ?? p.source,
    template: book.templates.get(p.templateId)?.name ?? null,
  };
}

export interface CellError {
  column: string;
  message: string;
}

/** Values parsed from a row: ids resolved, money in yuan; undefined = the cell was invalid. */
export interface ParsedFields {
  code: string | null;
  name: string | null;
  investor: string | null;
  uscc: string | null;
  platformId: string | null;
  chainId: string | null;
  totalInvestment: number | null;
  /** Whole US dollars and the rate, or null for none. */
  foreign: { amount: number; rate: number | null } | null;
  signedOn: string | null;
  leadUnitId: string | null;
  liaisonLeaderId: string | null;
  industryCode: string | null;
  source: string | null;
  templateKey: string | null;
}

const DATE_TEXT = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;

/** A calendar date from a date cell or text like 2025-03-01, 2025/3/1, 2025年3月1日; else undefined. */
export function parseDateCell(v: CellValue): string | null | undefined {
  if (v === null || v === '') return null;
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return undefined;
    // Excel dates carry no zone: exceljs reads a whole-day serial as a UTC midnight.
    const midnight = new Date(Date.UTC(v.getUTCFullYear(), v.getUTCMonth(), v.getUTCDate()));
    return midnight.getTime() === v.getTime() ? fromUtcMidnight(midnight) : undefined;
  }
  if (typeof v !== 'string') return undefined;
  const m = DATE_TEXT.exec(v.trim());
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return isValidCalendarDate(iso) ? iso : undefined;
}

function text(v: CellValue): string | null {
  if (v === null) return null;
  const s = (v instanceof Date ? v.toISOString() : String(v)).trim();
  return s === '' ? null : s;
}

function number(v: CellValue): number | null | undefined {
  if (v === null || v === '') return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const s = v.trim().replace(/,/g, '');
  return /^\d+(\.\d+)?$/.test(s) ? Number(s) : undefined;
}

/** 万元 text or number → yuan (exact); undefined when not a non-negative amount of whole yuan. */
function wan(v: CellValue): number | null | undefined {
  if (v === null || v === '') return null;
  try {
    return fromWan(typeof v === 'number' ? v : String(v));
  } catch {
    return undefined;
  }
}

function byName(map: Map<string, string>, name: string): string[] {
  return [...map.entries()].filter(([, n]) => n === name).map(([id]) => id);
}

/** Reads one row; `errors` says which cells could not be read and why. */
export function parseCells(get: (key: ColumnKey) => CellValue, book: NameBook, activeTemplates: readonly { key: string; name: string }[]): { fields: ParsedFields; errors: CellError[] } {
  const errors: CellError[] = [];
  const fail = (key: ColumnKey, message: string) => errors.push({ column: COL[key], message });
  const ref = (key: ColumnKey, map: Map<string, string>, label: string): string | null => {
    const name = text(get(key));
    if (name === null) return null;
    const ids = byName(map, name);
    if (ids.length === 0) fail(key, `${label}“${name}”不存在`);
    else if (ids.length > 1) fail(key, `${label}“${name}”重名，无法确定`);
    return ids.length === 1 ? ids[0] : null;
  };

  const code = text(get('code'));
  const signedOn = parseDateCell(get('signedOn'));
  if (signedOn === undefined) fail('signedOn', '签约日期不是有效日期');
  const total = wan(get('totalWan'));
  if (total === undefined) fail('totalWan', '总投资(万元)须为非负数字，最多4位小数');
  const foreignWan = number(get('foreignUsdWan'));
  const rate = number(get('usdRate'));
  let foreign: ParsedFields['foreign'] = null;
  if (foreignWan === undefined) fail('foreignUsdWan', '外资(万美元)须为非负数字');
  if (rate === undefined) fail('usdRate', '美元汇率须为正数');
  if (typeof foreignWan === 'number') {
    const amount = Math.round(foreignWan * 10_000);
    if (Math.abs(amount - foreignWan * 10_000) > 1e-6) fail('foreignUsdWan', '外资(万美元)最多4位小数（精确到美元）');
    else foreign = { amount, rate: typeof rate === 'number' ? rate : null };
  }
  const sourceText = text(get('source'));
  let source: string | null = null;
  if (sourceText !== null) {
    const match = SOURCES.find((s) => s === sourceText || SOURCE_LABELS[s] === sourceText);
    if (!match) fail('source', `项目来源“${sourceText}”不存在`);
    source = match ?? null;
  }
  const templateText = text(get('template'));
  let templateKey: string | null = null;
  if (templateText !== null) {
    const t = activeTemplates.find((x) => x.key === templateText || x.name === templateText);
    if (!t) fail('template', `节点模板“${templateText}”不存在`);
    templateKey = t?.key ?? null;
  }
  const uscc = text(get('uscc'));
  return {
    fields: {
      code,
      name: text(get('name')),
      investor: text(get('investor')),
      uscc: uscc === null ? null : normalizeUscc(uscc),
      platformId: ref('platform', book.platforms, '平台'),
      chainId: ref('chain', book.chains, '产业链'),
      totalInvestment: total ?? null,
      foreign,
      signedOn: signedOn ?? null,
      leadUnitId: ref('leadUnit', book.units, '责任单位'),
      liaisonLeaderId: ref('liaisonLeader', book.leaders, '包联领导'),
      industryCode: text(get('industryCode'))?.toUpperCase() ?? null,
      source,
      templateKey,
    },
    errors,
  };
}
