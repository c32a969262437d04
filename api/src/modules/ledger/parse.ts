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
 * central directory declares: a sheet too large to hold is refused as too many rows, and a zip
 * whose entries inflate past those declared sizes (a zip bomb) is refused as unreadable before
 * exceljs sees it.
 */
import ExcelJS from 'exceljs';
import { promisify } from 'node:util';
import { inflateRaw } from 'node:zlib';
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

interface ZipEntry {
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Where the entry's local header starts. */
  localOffset: number;
}

const EOCD = Buffer.from('PK\x05\x06', 'latin1');
const CENTRAL = 0x02014b50;

/**
 * The entries of a zip's central directory, read as JSZip (inside exceljs) reads them: from the
 * last end-of-directory signature in the file, entry after entry while the signature holds. Null
 * for anything JSZip would read differently from a plain zip or this reader cannot vouch for:
 * ZIP64 (no ledger needs it), bytes before or inside the archive (JSZip shifts its offsets), an
 * entry count that disagrees with the directory, a directory past the end.
 */
function zipEntries(zip: Buffer): ZipEntry[] | null {
  const end = zip.lastIndexOf(EOCD);
  if (end < 0 || end + 22 > zip.length) return null;
  const total = zip.readUInt16LE(end + 10);
  const size = zip.readUInt32LE(end + 12);
  const offset = zip.readUInt32LE(end + 16);
  if (zip.readUInt16LE(end + 4) !== 0 || zip.readUInt16LE(end + 6) !== 0 || zip.readUInt16LE(end + 8) !== total) return null;
  if (total === 0xffff || size === 0xffffffff || offset === 0xffffffff || offset + size !== end) return null;
  const entries: ZipEntry[] = [];
  let at = offset;
  while (at + 4 <= zip.length && zip.readUInt32LE(at) === CENTRAL) {
    if (at + 46 > zip.length) return null;
    const entry = { method: zip.readUInt16LE(at + 10), compressedSize: zip.readUInt32LE(at + 20), uncompressedSize: zip.readUInt32LE(at + 24), localOffset: zip.readUInt32LE(at + 42) };
    if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff || entry.localOffset === 0xffffffff) return null;
    entries.push(entry);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries.length === total ? entries : null;
}

/**
 * The uncompressed bytes a zip's central directory declares for all its entries; Infinity when
 * the directory cannot be read or uses ZIP64.
 */
export function declaredUncompressedBytes(zip: Buffer): number {
  const entries = zipEntries(zip);
  return entries ? entries.reduce((sum, e) => sum + e.uncompressedSize, 0) : Infinity;
}

/**
 * Whether every deflated entry inflates to no more than the size the directory declares for it.
 * JSZip (inside exceljs) inflates an entry whole and only then compares its length with the
 * declared one, so a zip that declares a small size over a deflate stream of a gigabyte of
 * spaces (a 1 MB upload) had the API hold 1.2 GB and spend seconds before refusing it; ten such
 * uploads at once, or one of 10 MB, exhausted memory. Here each entry is inflated by zlib with
 * `maxOutputLength` at its declared size, so no entry can grow past what the caller accepted
 * (on libuv's pool: a 10,000-row sheet inflates without holding the event loop).
 * Entries are read where JSZip reads them: the directory's compressed size, after the local
 * header's name and extra field. Stored entries cannot grow; JSZip refuses other methods itself.
 */
const inflateRawAsync = promisify(inflateRaw);

export async function inflatesWithinDeclaredSizes(zip: Buffer): Promise<boolean> {
  const LOCAL = 0x04034b50;
  const entries = zipEntries(zip);
  if (!entries) return false;
  for (const e of entries) {
    if (e.method !== 8) continue;
    if (e.localOffset + 30 > zip.length || zip.readUInt32LE(e.localOffset) !== LOCAL) return false;
    const start = e.localOffset + 30 + zip.readUInt16LE(e.localOffset + 26) + zip.readUInt16LE(e.localOffset + 28);
    if (start + e.compressedSize > zip.length) return false;
    try {
      await inflateRawAsync(zip.subarray(start, start + e.compressedSize), { maxOutputLength: Math.max(1, e.uncompressedSize) });
    } catch {
      return false; // larger than declared (ERR_BUFFER_TOO_LARGE), or not deflate data at all
    }
  }
  return true;
}

export async function readSheet(buffer: Buffer, maxRows: number): Promise<SheetData> {
  const declared = declaredUncompressedBytes(buffer);
  if (declared === Infinity) throw new UnreadableWorkbookError('no readable zip directory');
  if (declared > MAX_UNCOMPRESSED_BYTES) throw new TooManyRowsError(maxRows);
  if (!(await inflatesWithinDeclaredSizes(buffer))) throw new UnreadableWorkbookError('an entry inflates past its declared size, or is not deflate data');
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
