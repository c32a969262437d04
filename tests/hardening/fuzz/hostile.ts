/**
 * Hostile requests outside GraphQL's own parser: evidence uploads (malformed multipart bodies,
 * traversal and control characters in file names, lying types, oversized files), ledger imports
 * (broken and poisoned workbooks), the download routes with hostile ids and query strings, and
 * raw-socket requests no client library would send (truncated bodies, lying lengths, header
 * injection, huge headers).
 */
import ExcelJS from 'exceljs';
import type { Draw } from './draw.js';
import type { HttpCase, Actor } from './cases.js';
import { ACTORS } from './cases.js';
import type { HttpClient } from './http.js';
import { PDF, type World } from './world.js';
import { GHOST_ID } from './values.js';
import { buildZip, withLyingSheet, zipEntriesOf } from '../../testkit/zip.js';

/** File names that must never reach storage as they are. */
export const EVIL_NAMES = [
  '../../etc/passwd',
  '..\\..\\x.pdf',
  '../../../../../../tmp/x.pdf',
  '/etc/passwd',
  'C:\\Windows\\win.ini',
  'a\u0000.pdf',
  'evidence.pdf\u0000.exe',
  '....//....//x.pdf',
  '%2e%2e%2f%2e%2e%2fx.pdf',
  '.htaccess',
  '..',
  '.',
  '',
  ' ',
  'a\r\nX-Injected: 1.pdf',
  'a"; filename="b.pdf',
  '\u202eepyt.pdf',
  `${'长'.repeat(3000)}.pdf`,
  'con.pdf',
  'x.PDF',
  'x.pdf.exe',
  'x.exe',
];

const CSRF = { 'x-requested-with': 'fetch' };

export interface Part {
  name: string;
  filename?: string;
  /** A raw filename* (RFC 5987) parameter. */
  filenameStar?: string;
  type?: string;
  body: Buffer | string;
}

export function multipart(boundary: string, parts: Part[], opts: { close?: boolean; crlf?: string } = {}): Buffer {
  const nl = opts.crlf ?? '\r\n';
  const chunks: Buffer[] = [];
  for (const p of parts) {
    let disp = `Content-Disposition: form-data; name="${p.name}"`;
    if (p.filename !== undefined) disp += `; filename="${p.filename}"`;
    if (p.filenameStar !== undefined) disp += `; filename*=${p.filenameStar}`;
    const head = `--${boundary}${nl}${disp}${nl}${p.type ? `Content-Type: ${p.type}${nl}` : ''}${nl}`;
    chunks.push(Buffer.from(head, 'utf8'), Buffer.isBuffer(p.body) ? p.body : Buffer.from(p.body), Buffer.from(nl));
  }
  if (opts.close !== false) chunks.push(Buffer.from(`--${boundary}--${nl}`));
  return Buffer.concat(chunks);
}

export interface HostileFiles {
  /** An exported ledger with poisoned rows appended, and variants of it. */
  workbooks: { label: string; body: Buffer }[];
}

/** Builds the poisoned workbooks from a real export (so the layout is the real one). */
export async function prepareHostileFiles(promo: HttpClient): Promise<HostileFiles> {
  const res = await fetch(`${promo.base}/api/ledger.xlsx`, { headers: { cookie: promo.cookie ?? '', 'x-forwarded-for': promo.address, 'x-forwarded-proto': 'https' } });
  const exported = Buffer.from(await res.arrayBuffer());
  const poisoned = async (label: string, edit: (ws: ExcelJS.Worksheet, headers: string[]) => void) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported as never);
    const ws = wb.worksheets[0];
    const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    edit(ws, headers);
    return { label, body: Buffer.from(await wb.xlsx.writeBuffer()) };
  };
  const row = (headers: string[], values: Record<string, unknown>) => headers.map((h) => (h in values ? values[h] : null));
  const workbooks = [
    { label: 'exported-as-is', body: exported },
    await poisoned('huge-and-control-text', (ws, h) => {
      ws.addRow(row(h, { 编号: 'ZS-FUZZ-1', 项目名称: `项目\u0000${'长'.repeat(40_000)}`, 投资方: '{"$ne": null}', 统一社会信用代码: '91330604MA2D8XXXX1', 平台: '杭州湾经开区', '总投资(万元)': 'abc', 签约日期: '2025-02-30' }));
    }),
    await poisoned('formula-and-injection', (ws, h) => {
      ws.addRow(row(h, { 编号: '=HYPERLINK("http://x")', 项目名称: { formula: 'SUM(1,1)', result: 2 }, 投资方: '@SUM(1)', 平台: '$where', '总投资(万元)': -5, 签约日期: new Date(8.64e15) }));
    }),
    await poisoned('valid-row-then-bad-row', (ws, h) => {
      ws.addRow(row(h, { 编号: 'ZS-FUZZ-OK', 项目名称: '导入测试项目', 投资方: '导入测试企业', 平台: '杭州湾经开区', '总投资(万元)': 1000, 签约日期: '2025-01-10', 行业代码: 'C2651', 项目来源: '新引进', 节点模板: '标准地新建' }));
      ws.addRow(row(h, { 编号: 'ZS-FUZZ-BAD', 项目名称: '', 平台: '不存在的平台', 签约日期: 'never' }));
    }),
    await poisoned('header-only', (ws) => {
      ws.spliceRows(2, ws.rowCount);
    }),
    await poisoned('renamed-headers', (ws) => {
      ws.getRow(1).values = ['__proto__', 'constructor', '$where', '编号', '编号'];
    }),
    { label: 'zip-not-xlsx', body: Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]) },
    { label: 'truncated-xlsx', body: exported.subarray(0, Math.floor(exported.length / 2)) },
    // The export with 64 MB of blanks in its sheet, under the sheet's declared size: a zip bomb.
    { label: 'zip-bomb', body: buildZip(withLyingSheet(await zipEntriesOf(exported), 64 * 1024 * 1024)) },
    { label: 'pdf-named-xlsx', body: PDF },
  ];
  return { workbooks };
}

function upload(who: Actor, category: string, body: Buffer, contentType: string, headers: Record<string, string> = CSRF, path = '/api/evidence'): HttpCase {
  return { category, who, op: null, write: true, method: 'POST', path, headers: { 'content-type': contentType, ...headers }, body };
}

function evidenceUpload(d: Draw, who: Actor, maxBytes: number): HttpCase {
  const b = `----fuzz${d.int(0, 1e6)}`;
  const mp = `multipart/form-data; boundary=${b}`;
  const variant = d.pick([
    'evil-name',
    'evil-name-star',
    'wrong-type',
    'no-close',
    'wrong-boundary',
    'no-boundary',
    'two-files',
    'other-field',
    'many-parts',
    'big-field',
    'too-large',
    'empty-file',
    'lf-only',
    'no-csrf',
    'json-body',
    'garbage',
    'huge-boundary',
  ] as const);
  const category = `upload:${variant}`;
  const file = (filename: string, body: Buffer = PDF, type = 'application/pdf'): Part => ({ name: 'file', filename, type, body });
  switch (variant) {
    case 'evil-name':
      return upload(who, category, multipart(b, [file(d.pick(EVIL_NAMES))]), mp);
    case 'evil-name-star':
      return upload(who, category, multipart(b, [{ name: 'file', filename: 'x.pdf', filenameStar: d.pick(["UTF-8''..%2F..%2Fetc%2Fpasswd", "UTF-8''%00.pdf", "utf-8''%E4%B8%AD.pdf", "latin1''..\\x.pdf", "UTF-8''%ZZ.pdf"]), type: 'application/pdf', body: PDF }]), mp);
    case 'wrong-type':
      return upload(who, category, multipart(b, [file(d.pick(['x.pdf', 'x.png', 'x.docx']), d.pick([Buffer.from('MZ\x90\x00 not a pdf'), Buffer.from('<html><script>alert(1)</script>'), Buffer.from('#!/bin/sh\nrm -rf /'), Buffer.from([0x89, 0x50, 0x4e, 0x47])]), 'text/html')]), mp);
    case 'no-close':
      return upload(who, category, multipart(b, [file('x.pdf')], { close: false }), mp);
    case 'wrong-boundary':
      return upload(who, category, multipart(`${b}x`, [file('x.pdf')]), mp);
    case 'no-boundary':
      return upload(who, category, multipart(b, [file('x.pdf')]), 'multipart/form-data');
    case 'two-files':
      return upload(who, category, multipart(b, [file('a.pdf'), file('b.pdf')]), mp);
    case 'other-field':
      return upload(who, category, multipart(b, [{ ...file('x.pdf'), name: d.pick(['evil', '__proto__', 'file[]', 'file\u0000', '']) }]), mp);
    case 'many-parts':
      return upload(who, category, multipart(b, [...Array.from({ length: d.int(7, 40) }, (_, i) => ({ name: `f${i}`, body: 'x' })), file('x.pdf')]), mp);
    case 'big-field':
      return upload(who, category, multipart(b, [{ name: 'note', body: 'x'.repeat(d.pick([1025, 100_000])) }, file('x.pdf')]), mp);
    case 'too-large':
      return upload(who, category, multipart(b, [file('big.pdf', Buffer.concat([PDF, Buffer.alloc(maxBytes + d.int(1, 4096), 0x20)]))]), mp);
    case 'empty-file':
      return upload(who, category, multipart(b, [file('x.pdf', Buffer.alloc(0))]), mp);
    case 'lf-only':
      return upload(who, category, multipart(b, [file('x.pdf')], { crlf: '\n' }), mp);
    case 'no-csrf':
      return upload(who, category, multipart(b, [file('x.pdf')]), mp, {});
    case 'json-body':
      return upload(who, category, Buffer.from(JSON.stringify({ file: 'x.pdf' })), 'application/json');
    case 'garbage':
      return upload(who, category, Buffer.from(Array.from({ length: d.int(1, 2000) }, () => d.int(0, 255))), mp);
    case 'huge-boundary': {
      const long = 'b'.repeat(d.pick([71, 5000]));
      return upload(who, category, multipart(long, [file('x.pdf')]), `multipart/form-data; boundary=${long}`);
    }
  }
}

function ledgerImport(d: Draw, who: Actor, files: HostileFiles): HttpCase {
  const b = `----ledger${d.int(0, 1e6)}`;
  const wb = d.pick(files.workbooks);
  const name = d.pick(['台账.xlsx', '../../台账.xlsx', 'x.xls', '台账\u0000.xlsx']);
  return upload(who, `import:${wb.label}`, multipart(b, [{ name: 'file', filename: name, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: wb.body }]), `multipart/form-data; boundary=${b}`, CSRF, '/api/ledger/import');
}

function get(who: Actor, category: string, path: string, headers: Record<string, string> = {}): HttpCase {
  return { category, who, op: null, write: false, method: 'GET', path, headers };
}

function downloads(d: Draw, who: Actor, w: World): HttpCase {
  const q = (v: string) => encodeURIComponent(v);
  const hostileParam = () => d.pick(['(a+)+$', '[', '{"$ne":null}', '..%2F..%2Fetc%2Fpasswd', '\u0000', '%00', 'x'.repeat(5000), '9999-99-99', '__proto__', 'SIGNED,NOPE', '', ' ']);
  return d.pick([
    () => get(who, 'download:evidence-id', `/api/evidence/${d.pick(['..%2F..%2Fetc%2Fpasswd', '%00', '..', 'x'.repeat(3000), GHOST_ID, 'ZZZZZZZZZZZZZZZZZZZZZZZZ', '%E4%B8%AD', `${w.looseFileId}%00`, w.looseFileId, w.sets.X.problemFileId, w.sets.A.problemFileId])}`),
    () => get(who, 'download:ledger', `/api/ledger.xlsx?${d.pick(['text', 'stage', 'tier', 'light', 'platformId', 'unitId', 'source', 'asOf', 'mine'])}=${q(hostileParam())}`),
    () => get(who, 'download:ledger-nested', `/api/ledger.xlsx?${d.pick(['platformId[$ne]=1', 'text[$regex]=.*', 'stage[]=SIGNED&stage=LANDED', 'platformId=a&platformId=b', '__proto__[x]=1', 'asOf[]=2025-01-01'])}`),
    () => get(who, 'download:race', `/api/race/ranking.xlsx?year=${q(d.pick(['2025', '1e3', '-1', 'abc', '2025.5', '99999', '']))}&quarter=${q(d.pick(['1', '5', '0', '1.5', 'x', '']))}&kind=${q(d.pick(['PLATFORM', 'UNIT', '__proto__', 'constructor', 'toString', '']))}`),
    () => get(who, 'download:race-array', `/api/race/ranking.xlsx?year=2025&year=2026&kind=PLATFORM&kind=UNIT`),
    () => get(who, 'path:traversal', d.pick(['/api/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/api/evidence/../../../etc/passwd', '/graphql/../healthz', '/..%5c..%5cwindows', '/api/%00', '/api/ledger.xlsx/../../x'])),
  ])();
}

function misc(d: Draw, who: Actor): HttpCase {
  return d.pick([
    () => ({ ...get(who, 'header:huge-cookie', '/graphql', { cookie: `zs.sid=${'a'.repeat(d.pick([4000, 20_000]))}`, 'apollo-require-preflight': 'true' }) }),
    () => ({ ...get(who, 'header:forged-cookie', '/api/ledger.xlsx', { cookie: d.pick(['zs.sid=s%3Aforged.signature', 'zs.sid=s%3A', 'zs.sid=%ZZ', 'zs.sid=s%3A' + 'x'.repeat(100) + '.abc']) }) }),
    () => ({ category: 'method:odd', who, op: null, write: false, method: d.pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND']), path: d.pick(['/graphql', '/api/evidence', '/api/ledger/import', '/healthz']), headers: { 'content-type': 'application/json' }, body: d.pick(['{}', '']) }) as HttpCase,
    () => ({ ...get(who, 'header:request-id', '/healthz', { 'x-request-id': d.pick(['x'.repeat(5000), '../../', '<script>', 'a b c', '\u00ff\u00fe']) }) }),
  ])();
}

/** Raw bytes on a socket: what no client library would send. */
function raw(d: Draw, who: Actor, base: string): HttpCase {
  const host = new URL(base).host;
  const json = '{"query":"{ apiVersion }"}';
  const payload = d.pick([
    `POST /graphql HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n${json}`,
    `POST /graphql HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\n${json}`,
    `POST /graphql HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n${json}\r\n0\r\n\r\n`,
    `POST /graphql HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 26\r\nTransfer-Encoding: chunked\r\n\r\n${json}`,
    `POST /api/evidence HTTP/1.1\r\nHost: ${host}\r\nX-Requested-With: x\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 100000\r\n\r\n--b\r\nContent-Disposition: form-data; name="file"; filename="x.pdf"\r\n\r\n%PDF-1.4`,
    `GET /healthz HTTP/1.1\r\nHost: ${host}\r\nX-Request-Id: abc\r\nX-Injected: 1\r\n\r\n`,
    `GET /healthz HTTP/1.1\r\nHost: ${host}\r\nX-Big: ${'x'.repeat(20_000)}\r\n\r\n`,
    `GET /%ZZ HTTP/1.1\r\nHost: ${host}\r\n\r\n`,
    `POST /graphql HTTP/1.0\r\n\r\n`,
    `\u0000\u0001\u0002 garbage\r\n\r\n`,
    `POST /graphql HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: 10\r\n\r\n\x1f\x8b\x08\x00garbag`,
  ]);
  return { category: 'raw-socket', who, op: null, write: false, method: 'RAW', path: '', headers: {}, raw: Buffer.from(payload, 'latin1') };
}

/** One generated non-GraphQL hostile case. */
export function hostileHttpCase(d: Draw, w: World, files: HostileFiles, base: string, maxBytes: number): HttpCase {
  const who = d.pick(ACTORS);
  return d.weighted<() => HttpCase>([
    [10, () => evidenceUpload(d, who, maxBytes)],
    [4, () => ledgerImport(d, d.chance(0.7) ? d.pick(['promo', 'promo_hzw', 'promo_cej'] as const) : who, files)],
    [5, () => downloads(d, who, w)],
    [2, () => misc(d, who)],
    [2, () => raw(d, who, base)],
  ])();
}
