/**
 * Reads the first worksheet of an uploaded .xlsx: the header row, then each non-empty row with
 * its sheet row number. Cell values come back as text, numbers or Dates (formulas give their
 * cached result).
 *
 * The workbook is read whole (exceljs `xlsx.load`), not with exceljs's streaming reader: that
 * reader loses zip entries at random (unzipper ends its entry stream as soon as its input is
 * consumed, while entries are still queued behind a slow consumer): a valid file failed about
 * one read in two hundred here (workbook.xml lost: a TypeError, HTTP 500), and any queued entry,
 * the worksheet included, could go. Reading whole is bounded first by the sizes the zip's
 * central directory declares: a sheet too large to hold is refused as too many rows.
 */
import ExcelJS from 'exceljs';
import type { CellValue } from './cells.js';

/** Uncompressed size of a workbook we are willing to hold (10,000 rows of the ledger are ~20 MB). */
export const MAX_UNCOMPRESSED_BYTES = 96 * 1024 * 1024;

export class TooManyRowsError extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit} rows`);
  }
}

/** The upload is a zip but not a workbook exceljs can read: the file's fault (415), not ours. */
export class UnreadableWorkbookError extends Error {}

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

/**
 * The uncompressed bytes a zip's central directory declares for all its entries; Infinity when
 * the directory cannot be read or uses ZIP64 (no ledger needs it).
 */
export function declaredUncompressedBytes(zip: Buffer): number {
  const EOCD = 0x06054b50;
  const ENTRY = 0x02014b50;
  for (let end = zip.length - 22; end >= Math.max(0, zip.length - 22 - 0xffff); end--) {
    if (zip.readUInt32LE(end) !== EOCD) continue;
    const count = zip.readUInt16LE(end + 10);
    let at = zip.readUInt32LE(end + 16);
    let total = 0;
    for (let i = 0; i < count; i++) {
      if (at + 46 > zip.length || zip.readUInt32LE(at) !== ENTRY) return Infinity;
      const size = zip.readUInt32LE(at + 24);
      if (size === 0xffffffff) return Infinity;
      total += size;
      at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    }
    return total;
  }
  return Infinity;
}

export async function readSheet(buffer: Buffer, maxRows: number): Promise<SheetData> {
  const declared = declaredUncompressedBytes(buffer);
  if (declared === Infinity) throw new UnreadableWorkbookError('no readable zip directory');
  if (declared > MAX_UNCOMPRESSED_BYTES) throw new TooManyRowsError(maxRows);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as never);
  } catch (e) {
    throw new UnreadableWorkbookError(String((e as Error)?.message ?? e));
  }
  const data: SheetData = { headers: [], rows: [] };
  const sheet = workbook.worksheets[0]; // the ledger is the first worksheet
  if (!sheet) return data;
  sheet.eachRow((row) => {
    const values = (row.values as unknown[]).slice(1).map(cellValue);
    if (row.number === 1) {
      data.headers = values.map((v) => (v === null ? '' : String(v).trim()));
      return;
    }
    if (values.every((v) => v === null || (typeof v === 'string' && v.trim() === ''))) return;
    if (data.rows.length >= maxRows) throw new TooManyRowsError(maxRows);
    data.rows.push({ row: row.number, values });
  });
  return data;
}
