/**
 * Reads the first worksheet of an uploaded .xlsx with exceljs's streaming reader: the header
 * row, then each non-empty row with its sheet row number. Reading stops as soon as the row
 * limit is passed, so an oversized sheet is refused without being held in memory. Cell values
 * come back as text, numbers or Dates (formulas give their cached result).
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CellValue } from './cells.js';

export class TooManyRowsError extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit} rows`);
  }
}

export interface SheetData {
  headers: string[];
  rows: { row: number; values: CellValue[] }[];
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

function cellValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('result' in o) return cellValue(o.result);
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((t) => t.text).join('');
    if ('text' in o) return cellValue(o.text);
    if ('error' in o) return String(o.error);
  }
  return String(v);
}

/** An Excel day serial (when styles were not available to mark it as a date) as a UTC date. */
export function serialToDate(serial: number): Date {
  return new Date(EXCEL_EPOCH_MS + Math.round(serial * 86_400_000));
}

export async function readSheet(buffer: Buffer, maxRows: number): Promise<SheetData> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(buffer), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const data: SheetData = { headers: [], rows: [] };
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const raw = (row.values as unknown[]).slice(1);
      const values = raw.map(cellValue);
      if (row.number === 1) {
        data.headers = values.map((v) => (v === null ? '' : String(v).trim()));
        continue;
      }
      if (values.every((v) => v === null || (typeof v === 'string' && v.trim() === ''))) continue;
      if (data.rows.length >= maxRows) throw new TooManyRowsError(maxRows);
      data.rows.push({ row: row.number, values });
    }
    break; // the ledger is the first worksheet
  }
  return data;
}
