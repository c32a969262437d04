/**
 * GET /api/race/ranking.xlsx?year=2026&quarter=3&kind=PLATFORM exports a quarter's ranking
 * (omit `quarter` for the yearly assessment) as an Excel workbook, for LEADER, ADMIN and
 * PROMOTION. A ranking has tens of rows, so the workbook is built in memory.
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import ExcelJS from 'exceljs';
import type { Viewer } from '../../auth/viewer.js';
import { canReadRace } from './access.js';
import { RACE_SCOPE_KINDS, type RaceScopeKind } from './model.js';
import { raceQuarter, raceYear } from './scores.js';
import type { Quarter } from '../../domain/dates.js';

type Req = Request & { viewer?: Viewer | null };

const reply = (res: Response, status: number, code: string, message: string) => res.status(status).json({ error: { code, message } });
const KIND_LABEL: Record<RaceScopeKind, string> = { PLATFORM: '平台', UNIT: '责任单位' };
const round = (x: number) => Math.round(x * 10_000) / 10_000;

function sheetFor(workbook: ExcelJS.Workbook, title: string, header: string[], rows: (string | number)[][]) {
  const ws = workbook.addWorksheet(title.slice(0, 31));
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((c, i) => (c.width = i === 1 ? 28 : 14));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

export function raceRouter(): Router {
  const router = Router();
  router.get('/ranking.xlsx', async (req: Req, res: Response, next: NextFunction) => {
    try {
      if (!req.viewer) return reply(res, 401, 'UNAUTHENTICATED', '请先登录');
      if (!canReadRace(req.viewer)) return reply(res, 403, 'FORBIDDEN', '无权导出赛马排名');
      const year = Number(req.query.year);
      const quarter = req.query.quarter === undefined || req.query.quarter === '' ? null : Number(req.query.quarter);
      const kind = String(req.query.kind ?? 'PLATFORM') as RaceScopeKind;
      if (!Number.isInteger(year) || year < 2000 || year > 2100) return reply(res, 400, 'BAD_REQUEST', '年份应在2000—2100之间');
      if (quarter !== null && ![1, 2, 3, 4].includes(quarter)) return reply(res, 400, 'BAD_REQUEST', '季度应为1—4');
      if (!RACE_SCOPE_KINDS.includes(kind)) return reply(res, 400, 'BAD_REQUEST', '排名范围应为PLATFORM或UNIT');

      const workbook = new ExcelJS.Workbook();
      workbook.creator = '招商项目全周期管理';
      let title: string;
      if (quarter !== null) {
        const q = await raceQuarter(year, quarter as Quarter, kind);
        title = `${year}年第${quarter}季度${KIND_LABEL[kind]}赛马评价`;
        const indicators = q.rows[0]?.parts.map((p) => p.name) ?? [];
        sheetFor(
          workbook,
          title,
          ['排名', KIND_LABEL[kind], '得分', ...indicators.flatMap((n) => [`${n}（实际）`, `${n}（目标）`]), '超期节点数', '超期扣分', '重复签约数', '重复签约扣分', '状态'],
          q.rows.map((r) => [
            r.rank,
            r.scope.name,
            r.score,
            ...r.parts.flatMap((p) => [round(p.actual), round(p.target)]),
            r.overdueNodes,
            round(r.overduePenalty),
            r.penalisedRecords,
            round(r.recordPenalty),
            q.published ? '已发布' : `未发布（截至${q.asOf}）`,
          ]),
        );
      } else {
        const y = await raceYear(year, kind);
        title = `${year}年度${KIND_LABEL[kind]}赛马考核`;
        sheetFor(
          workbook,
          title,
          ['排名', KIND_LABEL[kind], '年度总分', '一季度', '二季度', '三季度', '四季度', '年末得分', '状态'],
          y.rows.map((r) => [r.rank, r.scope.name, r.total, ...r.quarterScores, r.yearEndScore, r.provisional ? `暂定（截至${y.asOf}）` : '最终']),
        );
      }
      res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${title}.xlsx`)}`);
      await workbook.xlsx.write(res);
      res.end();
    } catch (e) {
      next(e);
    }
  });
  return router;
}
