/**
 * GET  /api/ledger.xlsx?<ProjectFilter fields>&asOf=  the 台账 of the projects the viewer may see.
 *      Lists repeat the parameter or separate values by commas: stage=SIGNED,LANDED.
 * POST /api/ledger/import (multipart, field `file`, PROMOTION only) creates or updates projects
 *      by 编号; 200 with counts, or 422 with every bad row (row number, column, Chinese reason)
 *      and nothing written. 413 for a file over 10 MB or over 10,000 rows; 415 when the upload
 *      is not really an .xlsx (sniffed: an .xlsx is a zip with a workbook inside).
 * POST requires the same anti-CSRF header as /api/evidence.
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import multer from 'multer';
import { fileTypeFromBuffer } from 'file-type';
import type { Config } from '../../config.js';
import type { Logger } from '../../lib/logger.js';
import type { Viewer } from '../../auth/viewer.js';
import { createContext } from '../../context.js';
import { isValidCalendarDate, today } from '../../domain/dates.js';
import { STAGES } from '../../domain/lifecycle.js';
import { TIERS } from '../../domain/tiers.js';
import { isId } from '../../lib/records.js';
import { loadSettings } from '../settings/service.js';
import { SOURCES } from '../projects/model.js';
import type { ProjectFilter } from '../projects/queries.js';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from './columns.js';
import { exportLedger } from './export.js';
import { importLedger, ImportRejected } from './import.js';
import { TooManyRowsError, UnreadableWorkbookError } from './parse.js';

type Req = Request & { viewer?: Viewer | null };

const reply = (res: Response, status: number, code: string, message: string, extra: object = {}) => res.status(status).json({ error: { code, message, ...extra } });

class BadQuery extends Error {}

function list(v: unknown): string[] {
  const values = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return values.flatMap((x) => String(x).split(',')).map((x) => x.trim()).filter(Boolean);
}

/** The ProjectFilter fields from query parameters, validated like the GraphQL input. */
export function filterFromQuery(q: Request['query']): { filter: ProjectFilter; asOf: string } {
  const oneOf = <T extends string>(name: string, allowed: readonly T[], label: string): T[] | null => {
    const values = list(q[name]);
    for (const v of values) if (!(allowed as readonly string[]).includes(v)) throw new BadQuery(`${label}“${v}”无效`);
    return values.length ? (values as T[]) : null;
  };
  const id = (name: string) => {
    const v = q[name];
    if (v === undefined || v === '') return null;
    if (typeof v !== 'string' || !isId(v)) throw new BadQuery(`${name}格式不正确`);
    return v;
  };
  const asOf = typeof q.asOf === 'string' && q.asOf !== '' ? q.asOf : today();
  if (!isValidCalendarDate(asOf)) throw new BadQuery('日期无效');
  const source = oneOf('source', SOURCES, '项目来源');
  if (source && source.length > 1) throw new BadQuery('项目来源只能选一个');
  const text = typeof q.text === 'string' ? q.text : null;
  return {
    asOf,
    filter: {
      stage: oneOf('stage', STAGES, '阶段'),
      tier: oneOf('tier', TIERS, '档位'),
      light: oneOf('light', ['GREEN', 'YELLOW', 'RED'] as const, '红黄绿灯'),
      platformId: id('platformId'),
      unitId: id('unitId'),
      chainId: id('chainId'),
      liaisonLeaderId: id('liaisonLeaderId'),
      source: source?.[0] ?? null,
      text,
      mine: q.mine === 'true' || q.mine === '1',
    },
  };
}

export function ledgerRouter(config: Config, log: Logger): Router {
  const router = Router();
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 5, parts: 6, fieldSize: 1024 } }).single('file');

  router.get('/ledger.xlsx', async (req: Req, res: Response, next: NextFunction) => {
    try {
      if (!req.viewer) return reply(res, 401, 'UNAUTHENTICATED', '请先登录');
      let parsed;
      try {
        parsed = filterFromQuery(req.query);
      } catch (e) {
        if (e instanceof BadQuery) return reply(res, 400, 'BAD_REQUEST', e.message);
        throw e;
      }
      res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`项目台账_${parsed.asOf}.xlsx`)}`);
      res.setHeader('Cache-Control', 'no-store');
      await exportLedger(req.viewer, parsed.filter, parsed.asOf, await loadSettings(), res);
    } catch (e) {
      // Once streaming has begun the status is sent: cut the download so it is visibly broken.
      if (res.headersSent) {
        log.error({ err: e }, 'ledger export failed');
        res.destroy(e as Error);
      } else next(e);
    }
  });

  router.post('/ledger/import', (req: Req, res: Response, next: NextFunction) => {
    if (!req.viewer) return reply(res, 401, 'UNAUTHENTICATED', '请先登录');
    if (req.viewer.role !== 'PROMOTION') return reply(res, 403, 'FORBIDDEN', '只有招商人员可以导入台账');
    // Apollo-style CSRF guard: a browser cannot send this header cross-site without a preflight.
    if (!req.get('x-requested-with') && !req.get('apollo-require-preflight')) return reply(res, 400, 'CSRF', '缺少防跨站请求头');
    upload(req, res, async (err: unknown) => {
      if (err) {
        const code = (err as { code?: string }).code;
        if (code === 'LIMIT_FILE_SIZE') return reply(res, 413, 'FILE_TOO_LARGE', `文件不能超过${MAX_IMPORT_BYTES / 1024 / 1024}MB`);
        return reply(res, 400, 'BAD_UPLOAD', '上传内容格式不正确');
      }
      try {
        const file = req.file;
        if (!file || !file.buffer?.length) return reply(res, 400, 'NO_FILE', '请选择要导入的台账文件');
        const type = await fileTypeFromBuffer(file.buffer);
        if (type?.ext !== 'xlsx') return reply(res, 415, 'NOT_XLSX', '文件不是有效的Excel工作簿（.xlsx），请用导出的台账模板填写');
        const ctx = createContext(req, res, req.viewer!, log, config);
        const result = await importLedger(ctx, file.buffer);
        res.json(result);
      } catch (e) {
        if (e instanceof ImportRejected) {
          const first = e.errors[0];
          return reply(res, 422, 'INVALID_ROWS', `台账有${e.errors.length}处错误（首个在第${first.row}行），未导入任何数据`, { rows: e.errors });
        }
        if (e instanceof TooManyRowsError) return reply(res, 413, 'TOO_MANY_ROWS', `台账不能超过${MAX_IMPORT_ROWS}行`);
        if (e instanceof UnreadableWorkbookError || (e as Error).message?.match(/zip|end of central directory|invalid signature/i)) {
          return reply(res, 415, 'NOT_XLSX', '文件已损坏或不是有效的Excel工作簿（.xlsx）');
        }
        next(e);
      }
    });
  });
  return router;
}
