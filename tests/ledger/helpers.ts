/**
 * Workbooks for the ledger suites: download the export, read it back, edit cells by header and
 * upload the result, the way a user round-trips the 台账 in Excel.
 */
import ExcelJS from 'exceljs';
import type { Client } from '../testkit/api.js';

/** Supertest's binary parser, so the .xlsx arrives as a Buffer. */
function binary(res: NodeJS.ReadableStream & { setEncoding(e: string): void }, cb: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

export async function download(c: Client, query = ''): Promise<{ status: number; body: Buffer; type: string }> {
  const res = await c.agent.get(`/api/ledger.xlsx${query}`).buffer(true).parse(binary as never);
  return { status: res.status, body: res.body as Buffer, type: String(res.headers['content-type']) };
}

export interface Sheet {
  headers: string[];
  rows: Record<string, unknown>[];
}

export async function readWorkbook(buffer: Buffer): Promise<{ wb: ExcelJS.Workbook; ws: ExcelJS.Worksheet; sheet: Sheet }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as never);
  const ws = wb.worksheets[0];
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    rows.push(Object.fromEntries(headers.map((h, i) => [h, values[i] ?? null])));
  });
  return { wb, ws, sheet: { headers, rows } };
}

/** Sets a cell of the data row whose 编号 is `code` (or a sheet row number). */
export function setCell(ws: ExcelJS.Worksheet, row: string | number, header: string, value: unknown) {
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const col = headers.indexOf(header) + 1;
  if (col === 0) throw new Error(`no column ${header}`);
  let n = typeof row === 'number' ? row : 0;
  if (typeof row === 'string') {
    ws.eachRow((r, i) => {
      if (i > 1 && r.getCell(1).value === row) n = i;
    });
  }
  if (!n) throw new Error(`no row ${row}`);
  ws.getRow(n).getCell(col).value = value as ExcelJS.CellValue;
}

export async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A workbook with the given header and rows (arrays in header order). */
export async function workbookOf(headers: string[], rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('项目台账');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return toBuffer(wb);
}

export async function upload(c: Client, buffer: Buffer, filename = '项目台账.xlsx', csrf = true) {
  const req = c.agent.post('/api/ledger/import');
  if (csrf) req.set('x-requested-with', 'test');
  return req.attach('file', buffer, filename);
}
