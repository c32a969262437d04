/**
 * A minimal zip writer for tests that need zips no archiver would write: an entry that declares
 * less than it inflates to (a zip bomb), a directory whose entry count lies. Entries are
 * deflated; `declaredSize` overrides the uncompressed size written in both headers.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntrySpec {
  name: string;
  data: Buffer;
  /** The uncompressed size the headers claim (default: the true one). */
  declaredSize?: number;
}

export function buildZip(entries: ZipEntrySpec[], opts: { declaredCount?: number } = {}): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const data = deflateRawSync(e.data);
    const crc = crc32(e.data) >>> 0;
    const size = e.declaredSize ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(data.length, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    parts.push(local, name, data);
    central.push(dir, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(central);
  const count = opts.declaredCount ?? entries.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

/** The file entries of a zip (read with JSZip), to rebuild with `buildZip`. */
export async function zipEntriesOf(zip: Buffer): Promise<ZipEntrySpec[]> {
  const { default: JSZip } = await import('jszip');
  const read = await JSZip.loadAsync(zip);
  const entries: ZipEntrySpec[] = [];
  for (const [name, file] of Object.entries(read.files)) if (!file.dir) entries.push({ name, data: await file.async('nodebuffer') });
  return entries;
}

/** The entries of a real one-sheet workbook (exceljs). */
export async function workbookEntries(rows: unknown[][]): Promise<ZipEntrySpec[]> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  for (const r of rows) ws.addRow(r);
  return zipEntriesOf(Buffer.from(await wb.xlsx.writeBuffer()));
}

export const SHEET_ENTRY = 'xl/worksheets/sheet1.xml';

/**
 * `entries` with the worksheet padded by `padBytes` spaces inside <sheetData> (still a valid
 * sheet) while its headers keep declaring the original size: a zip bomb of `padBytes`.
 */
export function withLyingSheet(entries: ZipEntrySpec[], padBytes: number): ZipEntrySpec[] {
  return entries.map((e) => {
    if (e.name !== SHEET_ENTRY) return e;
    const xml = e.data.toString('utf8');
    if (!xml.includes('<sheetData>')) throw new Error('withLyingSheet: the sheet has no rows to pad between');
    const at = xml.indexOf('<sheetData>') + '<sheetData>'.length;
    const data = Buffer.concat([Buffer.from(xml.slice(0, at)), Buffer.alloc(padBytes, 0x20), Buffer.from(xml.slice(at))]);
    return { name: e.name, data, declaredSize: e.data.length };
  });
}
