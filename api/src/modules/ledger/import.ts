/**
 * 台账 import: creates or updates projects by 编号 through the project service, so every rule
 * that applies to a form applies to a row. All or nothing:
 *   1. the whole file is read and checked first (columns, cell formats, names, duplicate 编号,
 *      fields the ledger cannot change);
 *   2. then every row goes through createProject / updateProject inside ONE transaction; the
 *      service's own checks report per row; any error aborts the transaction, so a rejected
 *      file writes nothing.
 * Only changed fields are sent: a row equal to the project (as export writes it) is left alone,
 * so exporting and importing the same file changes nothing. Node dates, 当前阶段 and 红黄绿灯
 * are derived or need the unit's confirmation with evidence: the ledger shows them, never sets them.
 */
import { Types } from 'mongoose';
import { trusted } from 'mongoose';
import { DomainError } from '../../graphql/errors.js';
import { inTransaction } from '../../lib/tx.js';
import type { Context } from '../../context.js';
import { audit } from '../audit/service.js';
import { ProjectModel, type ProjectDoc } from '../projects/model.js';
import { toProject } from '../projects/repository.js';
import { createProject, updateProject, type CreateProjectInput, type ProjectFields } from '../projects/service.js';
import type { ProjectRecord } from '../projects/types.js';
import { TemplateModel } from '../templates/model.js';
import { COL, MAX_IMPORT_ROWS, REQUIRED_COLUMNS, type ColumnKey } from './columns.js';
import { loadNameBook, parseCells, parseDateCell, toCells, type CellValue, type ParsedFields } from './cells.js';
import { readSheet, serialToDate } from './parse.js';

export interface RowError {
  /** Sheet row number (the header is row 1). */
  row: number;
  column: string | null;
  message: string;
}

export class ImportRejected extends Error {
  constructor(readonly errors: RowError[]) {
    super(`${errors.length} errors`);
  }
}

export interface ImportResult {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
}

/** Service error fields → the sheet column the user should look at. */
const FIELD_COLUMNS: Record<string, string> = {
  code: COL.code,
  name: COL.name,
  investor: COL.investor,
  uscc: COL.uscc,
  industryCode: COL.industryCode,
  totalInvestment: COL.totalWan,
  'foreignInvestment.amount': COL.foreignUsdWan,
  'foreignInvestment.cnyRate': COL.usdRate,
  'foreignInvestment.usdCnyRate': COL.usdRate,
  'foreignInvestment.currency': COL.foreignUsdWan,
  platformId: COL.platform,
  chainId: COL.chain,
  leadUnitId: COL.leadUnit,
  liaisonLeaderId: COL.liaisonLeader,
  signedOn: COL.signedOn,
  templateKey: COL.template,
  source: COL.source,
};

const columnOf = (field: string | null) => (field ? (FIELD_COLUMNS[field.replace(/^input\./, '')] ?? null) : null);

type Action = { row: number; kind: 'create'; input: CreateProjectInput } | { row: number; kind: 'update'; project: ProjectRecord; input: ProjectFields } | { row: number; kind: 'same' };

const foreignInput = (f: ParsedFields['foreign']) => (f ? { currency: 'USD', amount: f.amount, cnyRate: f.rate ?? 0, usdCnyRate: f.rate } : null);

function sameForeign(a: ParsedFields['foreign'], b: ParsedFields['foreign']) {
  return a === b || (!!a && !!b && a.amount === b.amount && a.rate === b.rate);
}

/** Fields of the row that differ from the project as the sheet shows it. */
function changes(row: ParsedFields, current: ParsedFields): ProjectFields {
  const out: ProjectFields = {};
  const simple = ['name', 'investor', 'uscc', 'industryCode', 'platformId', 'chainId', 'totalInvestment', 'leadUnitId', 'liaisonLeaderId'] as const;
  for (const k of simple) if (row[k] !== current[k]) (out as Record<string, unknown>)[k] = row[k];
  if (row.source !== current.source) out.source = row.source as ProjectFields['source'];
  if (!sameForeign(row.foreign, current.foreign)) out.foreignInvestment = foreignInput(row.foreign);
  return out;
}

export async function importLedger(ctx: Context, buffer: Buffer): Promise<ImportResult> {
  const sheet = await readSheet(buffer, MAX_IMPORT_ROWS);
  const errors: RowError[] = [];
  const index = new Map<string, number>();
  sheet.headers.forEach((h, i) => {
    if (!h) return;
    if (index.has(h)) errors.push({ row: 1, column: h, message: `列“${h}”重复` });
    else index.set(h, i);
  });
  for (const key of REQUIRED_COLUMNS) if (!index.has(COL[key])) errors.push({ row: 1, column: COL[key], message: `缺少列“${COL[key]}”` });
  if (errors.length) throw new ImportRejected(errors);
  if (!sheet.rows.length) throw new ImportRejected([{ row: 2, column: null, message: '表格中没有项目数据' }]);

  const dateHeaders = sheet.headers.filter((h) => h === COL.signedOn || h.endsWith('计划日期') || h.endsWith('实际日期'));
  const [book, templates] = await Promise.all([
    loadNameBook(),
    TemplateModel.find({ active: true }, { key: 1, name: 1 }).lean() as Promise<{ key: string; name: string }[]>,
  ]);
  const parsed = sheet.rows.map(({ row, values }) => {
    const raw = (header: string): CellValue => {
      const i = index.get(header);
      const v = i === undefined ? null : (values[i] ?? null);
      // A date column read without its style comes back as the Excel day number.
      return typeof v === 'number' && dateHeaders.includes(header) ? serialToDate(v) : v;
    };
    for (const h of dateHeaders) {
      if (h !== COL.signedOn && parseDateCell(raw(h)) === undefined) errors.push({ row, column: h, message: `${h}不是有效日期` });
    }
    const { fields, errors: cellErrors } = parseCells((key: ColumnKey) => raw(COL[key]), book, templates);
    for (const e of cellErrors) errors.push({ row, ...e });
    return { row, fields, bad: cellErrors.length > 0 };
  });

  const seen = new Map<string, number>();
  for (const p of parsed) {
    if (!p.fields.code) continue;
    const first = seen.get(p.fields.code);
    if (first !== undefined) errors.push({ row: p.row, column: COL.code, message: `编号“${p.fields.code}”与第${first}行重复` });
    else seen.set(p.fields.code, p.row);
  }
  const codes = [...seen.keys()];
  const existing = new Map(
    ((codes.length ? await ProjectModel.find({ code: trusted({ $in: codes }) }).lean() : []) as ProjectDoc[]).map((d) => {
      const p = toProject(d);
      return [p.code, p];
    }),
  );

  const actions: Action[] = [];
  for (const { row, fields, bad } of parsed) {
    if (bad) continue;
    const need = (ok: unknown, key: ColumnKey, message: string) => {
      if (ok === null || ok === undefined) errors.push({ row, column: COL[key], message });
    };
    need(fields.platformId, 'platform', '请填写平台');
    need(fields.totalInvestment, 'totalWan', '请填写总投资(万元)');
    need(fields.industryCode, 'industryCode', '请填写行业代码');
    need(fields.source, 'source', '请填写项目来源');
    if (fields.foreign && fields.foreign.rate === null) errors.push({ row, column: COL.usdRate, message: '填写外资须同时填写签约时美元汇率' });
    const project = fields.code ? existing.get(fields.code) : undefined;
    if (project) {
      const current = parseCells((key) => toCells(project, book)[key] ?? null, book, [...templates, ...book.templates.values()]).fields;
      if (fields.signedOn !== current.signedOn) errors.push({ row, column: COL.signedOn, message: '签约日期不能通过台账修改' });
      if (fields.templateKey !== null && fields.templateKey !== current.templateKey) errors.push({ row, column: COL.template, message: '节点模板不能通过台账修改' });
      const input = changes(fields, current);
      actions.push(Object.keys(input).length ? { row, kind: 'update', project, input } : { row, kind: 'same' });
    } else {
      need(fields.signedOn, 'signedOn', '请填写签约日期');
      need(fields.templateKey, 'template', '请填写节点模板');
      actions.push({
        row,
        kind: 'create',
        input: {
          code: fields.code,
          name: fields.name ?? '',
          investor: fields.investor ?? '',
          uscc: fields.uscc,
          industryCode: fields.industryCode ?? '',
          chainId: fields.chainId,
          source: (fields.source ?? 'NEW_INVESTMENT') as CreateProjectInput['source'],
          platformId: fields.platformId ?? '',
          totalInvestment: fields.totalInvestment ?? 0,
          foreignInvestment: foreignInput(fields.foreign),
          templateKey: fields.templateKey ?? '',
          signedOn: fields.signedOn ?? '',
          leadUnitId: fields.leadUnitId,
          liaisonLeaderId: fields.liaisonLeaderId,
        },
      });
    }
  }
  if (errors.length) throw new ImportRejected(sortErrors(errors));

  const result: ImportResult = { rows: actions.length, created: 0, updated: 0, unchanged: 0 };
  await inTransaction(async (tx) => {
    // withTransaction may run this again after a transient error: start from zero each time.
    const rowErrors: RowError[] = [];
    Object.assign(result, { created: 0, updated: 0, unchanged: 0 });
    for (const a of actions) {
      try {
        if (a.kind === 'create') {
          await createProject(ctx, a.input, { tx });
          result.created++;
        } else if (a.kind === 'update') {
          await updateProject(ctx, { ...a.input, id: a.project.id, version: a.project.version }, { tx });
          result.updated++;
        } else result.unchanged++;
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        for (const ue of e.errors) rowErrors.push({ row: a.row, column: columnOf(ue.field), message: ue.message });
      }
    }
    if (rowErrors.length) throw new ImportRejected(sortErrors(rowErrors));
    await audit(ctx, tx, { action: 'ledger.import', targetType: 'Ledger', targetId: new Types.ObjectId().toHexString(), after: { ...result } });
  });
  return result;
}

function sortErrors(errors: RowError[]): RowError[] {
  return [...errors].sort((a, b) => a.row - b.row || (a.column ?? '').localeCompare(b.column ?? '') || a.message.localeCompare(b.message));
}
