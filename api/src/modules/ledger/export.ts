/**
 * 台账 export: the projects the viewer may see under a ProjectFilter (the same query as the
 * project list, `buildProjectQuery`), ordered by 编号, streamed row by row with exceljs's
 * streaming writer so a 10,000-project district never sits in memory as a workbook. Projects
 * are read by cursor and their nodes 50 projects at a time (one $in query per batch).
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { trusted } from 'mongoose';
import { STAGE_LABELS } from '../../domain/lifecycle.js';
import { toUtcMidnight, today } from '../../domain/dates.js';
import type { Viewer } from '../../auth/viewer.js';
import type { Settings } from '../settings/service.js';
import { NodeModel, ProjectModel } from '../projects/model.js';
import { buildProjectQuery, type ProjectFilter } from '../projects/queries.js';
import { lightOf, stageOf } from '../projects/derive.js';
import type { NodeRecord, ProjectRecord } from '../projects/types.js';
import { TemplateModel } from '../templates/model.js';
import { oid } from '../../lib/records.js';
import { fieldReader } from '../../lib/bson-fields.js';
import { castFilter } from '../../lib/raw-read.js';
import { COL, LIGHT_LABELS, NODE_COLUMNS, headerRow } from './columns.js';
import { loadNameBook, toCells, type NameBook } from './cells.js';

const BATCH = 50;
// Raw reads decoding only what the sheet shows (lib/bson-fields.ts): 10,000 projects and their
// ~100,000 nodes are the whole district, so decoding cost is most of an export's time.
const readProject = fieldReader([
  '_id', 'code', 'name', 'investor', 'uscc', 'platformId', 'chainId', 'totalInvestment', 'foreignInvestment',
  'signedOn', 'leadUnitId', 'liaisonLeaderId', 'industryCode', 'source', 'templateId', 'gates', 'terminated',
]);
const readNode = fieldReader(['projectId', 'code', 'status', 'plannedDate', 'actualDate', 'baselineDate', 'closedOn', 'replans']);
const readNodeProject = fieldReader(['projectId']);
const readId = fieldReader(['_id']);
const readProjectId = (b: Uint8Array) => readId(b)._id;
/** The decoded document as its record (`_id` → `id`), in place: 100,000 copies are garbage. */
function asRecord<T>(d: Record<string, unknown>): T {
  d.id = d._id;
  return d as unknown as T;
}

/** Node columns: the shipped codes, then any code an active template added. */
async function nodeColumns(): Promise<{ code: string; name: string }[]> {
  const cols = [...NODE_COLUMNS];
  const templates = (await TemplateModel.find({ active: true }, { items: 1 }).sort({ key: 1 }).lean()) as { items: { code: string; name: string }[] }[];
  for (const t of templates) for (const i of t.items) if (!cols.some((c) => c.code === i.code)) cols.push({ code: i.code, name: i.name });
  return cols;
}

function rowOf(p: ProjectRecord, nodes: NodeRecord[], cols: { code: string }[], book: NameBook, asOf: string, s: Settings): unknown[] {
  const c = toCells(p, book);
  const light = lightOf(p, nodes, asOf, s);
  const byCode = new Map(nodes.map((n) => [n.code, n]));
  const date = (d: string | null | undefined) => (d ? toUtcMidnight(d) : null);
  return [
    c.code,
    c.name,
    c.investor,
    c.uscc,
    c.platform,
    c.chain,
    c.totalWan,
    c.foreignUsdWan,
    c.signedOn,
    STAGE_LABELS[stageOf(p, asOf)],
    ...cols.flatMap(({ code }) => {
      const n = byCode.get(code);
      const actual = n && n.status === 'DONE' && n.actualDate && n.actualDate <= asOf ? n.actualDate : null;
      return [date(n?.plannedDate), date(actual)];
    }),
    light ? LIGHT_LABELS[light] : null,
    c.leadUnit,
    c.liaisonLeader,
    c.industryCode,
    c.source,
    c.template,
    c.usdRate,
  ];
}

/** Writes the workbook to `out`; resolves with the number of project rows. */
export async function exportLedger(viewer: Viewer | null, filter: ProjectFilter, asOf: string, s: Settings, out: Writable): Promise<number> {
  const [book, cols, base] = await Promise.all([loadNameBook(), nodeColumns(), buildProjectQuery(viewer, filter, asOf, s)]);
  const header = headerRow(cols);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = '招商项目全周期管理';
  const sheet = workbook.addWorksheet('项目台账', { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  const dateColumns = new Set(header.map((h, i) => (h === COL.signedOn || h.endsWith('计划日期') || h.endsWith('实际日期') ? i : -1)).filter((i) => i >= 0));
  sheet.columns = header.map((h, i) => ({ key: `c${i}`, width: dateColumns.has(i) ? 12 : i === 1 ? 32 : Math.max(10, h.length * 2) }));
  // One style object per column, shared by its cells: exceljs recognises a style object it has
  // seen (a WeakMap) and otherwise rebuilds and re-keys the style for every cell, which was a
  // tenth of an export's time. (A column style would be copied into a fresh object per cell.)
  const cellStyles: Partial<ExcelJS.Style>[] = header.map((_, i) => (dateColumns.has(i) ? { numFmt: 'yyyy-mm-dd' } : {}));
  const addRow = (values: unknown[]) => {
    const row = sheet.addRow(values);
    row.eachCell((cell, col) => {
      cell.style = cellStyles[col - 1];
    });
    row.commit();
  };
  const head = sheet.addRow(header);
  head.font = { bold: true };
  head.commit();

  let count = 0;
  if (base) {
    // Stage as of today is indexed; as of another day it derives from the stored gate dates.
    const stages = filter.stage?.length ? new Set(filter.stage) : null;
    const query: Record<string, unknown> = { ...base };
    if (stages && asOf === today()) query.stage = trusted({ $in: [...stages] });
    // Cast by mongoose (string ids, trusted operators), then read raw; 编号 is unique, so its index alone orders the rows.
    const cursor = ProjectModel.collection.find(castFilter(ProjectModel, query), { raw: true, sort: { code: 1 }, batchSize: BATCH });
    // Documents stay raw until their row is written, and batches are small: decoded objects
    // then die young instead of surviving a batch into the old generation (with 500 projects
    // a batch, the heap's peak was three times its live size). The next batch's nodes are
    // asked for while this batch's rows are written, so the database works meanwhile.
    const nodesOf = (projects: Uint8Array[]) =>
      NodeModel.collection.find({ projectId: { $in: projects.map((b) => oid(readProjectId(b) as string)) } }, { raw: true }).toArray() as unknown as Promise<Uint8Array[]>;
    const write = async (projects: Uint8Array[], nodes: Promise<Uint8Array[]>) => {
      const byProject = new Map<string, Uint8Array[]>();
      for (const bytes of await nodes) {
        const pid = readNodeProject(bytes).projectId as string;
        const list = byProject.get(pid);
        if (list) list.push(bytes);
        else byProject.set(pid, [bytes]);
      }
      for (const bytes of projects) {
        const p = asRecord<ProjectRecord>(readProject(bytes));
        if (stages && !stages.has(stageOf(p, asOf))) continue;
        const list = (byProject.get(p.id) ?? []).map((b) => asRecord<NodeRecord>(readNode(b)));
        addRow(rowOf(p, list, cols, book, asOf, s));
        count++;
      }
      // Let compression and the client catch up, so rows do not pile up in memory.
      if (out.writableNeedDrain) await once(out, 'drain');
      else await new Promise((r) => setImmediate(r));
    };
    let batch: Uint8Array[] = [];
    let pending: [Uint8Array[], Promise<Uint8Array[]>] | null = null;
    const next = async () => {
      const fetched: [Uint8Array[], Promise<Uint8Array[]>] | null = batch.length ? [batch, nodesOf(batch)] : null;
      // An unawaited rejection would be unhandled if writing the previous batch fails first.
      fetched?.[1].catch(() => {});
      batch = [];
      if (pending) await write(...pending);
      pending = fetched;
    };
    for await (const bytes of cursor as unknown as AsyncIterable<Uint8Array>) {
      batch.push(bytes);
      if (batch.length >= BATCH) await next();
    }
    await next();
    await next();
  }
  sheet.commit();
  await workbook.commit();
  return count;
}
