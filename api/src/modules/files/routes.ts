/**
 * POST /api/evidence (multipart, field `file`) stores an evidence file for the signed-in user and
 * returns its id, to attach with the `attachEvidence` mutation. GET /api/evidence/:id streams
 * it to whoever may read the project of the node it is attached to (or the 督办 problem).
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import multer from 'multer';
import type { Connection } from 'mongoose';
import type { Config } from '../../config.js';
import type { Viewer } from '../../auth/viewer.js';
import { canReadProject } from '../../auth/policy.js';
import { getNode, getProject } from '../projects/repository.js';
import { rectificationProjectId } from '../agreements/repository.js';
import { getProblem } from '../problems/repository.js';
import { canReadProblem } from '../problems/policy.js';
import { fileInfo, openDownload, safeFilename, sniff, storeFile } from './service.js';

type Req = Request & { viewer?: Viewer | null };

const reply = (res: Response, status: number, code: string, message: string) => res.status(status).json({ error: { code, message } });

export function evidenceRouter(config: Config, _connection: Connection): Router {
  const router = Router();
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: config.EVIDENCE_MAX_BYTES, files: 1, fields: 5, parts: 6, fieldSize: 1024 },
  }).single('file');

  router.post('/', (req: Req, res: Response, next: NextFunction) => {
    if (!req.viewer) return reply(res, 401, 'UNAUTHENTICATED', '请先登录');
    // Apollo-style CSRF guard: a browser cannot send this header cross-site without a preflight.
    if (!req.get('x-requested-with') && !req.get('apollo-require-preflight')) return reply(res, 400, 'CSRF', '缺少防跨站请求头');
    upload(req, res, async (err: unknown) => {
      if (err) {
        const code = (err as { code?: string }).code;
        if (code === 'LIMIT_FILE_SIZE') return reply(res, 413, 'FILE_TOO_LARGE', `文件不能超过${Math.round(config.EVIDENCE_MAX_BYTES / 1024 / 1024)}MB`);
        return reply(res, 400, 'BAD_UPLOAD', '上传内容格式不正确');
      }
      try {
        const file = req.file;
        if (!file || !file.buffer?.length) return reply(res, 400, 'NO_FILE', '请选择要上传的文件');
        const filename = safeFilename(Buffer.from(file.originalname, 'latin1').toString('utf8'));
        const type = await sniff(file.buffer, filename);
        if (!type.ok) return reply(res, 415, 'UNSUPPORTED_TYPE', type.message);
        const stored = await storeFile(file.buffer, filename, type.contentType, req.viewer!.userId);
        res.status(201).json(stored);
      } catch (e) {
        next(e);
      }
    });
  });

  router.get('/:id', async (req: Req, res: Response, next: NextFunction) => {
    try {
      if (!req.viewer) return reply(res, 401, 'UNAUTHENTICATED', '请先登录');
      const info = await fileInfo(String(req.params.id));
      if (!info) return reply(res, 404, 'NOT_FOUND', '文件不存在');
      const attachedTo = info.metadata?.attachedTo;
      let allowed = info.metadata?.uploadedBy === req.viewer.userId && !attachedTo;
      const problemId = attachedTo?.startsWith('problem:') ? attachedTo.slice('problem:'.length) : null;
      if (problemId && /^[0-9a-f]{24}$/.test(problemId)) {
        // Evidence of a 督办 problem: whoever may see the problem may download it.
        const problem = await getProblem(problemId);
        const project = problem ? await getProject(problem.projectId) : null;
        allowed = !!problem && !!project && canReadProblem(req.viewer, project, problem);
      } else if (attachedTo?.startsWith('rectification:')) {
        // Evidence closing a 整改 item of an agreement (履约监管): readers of the project.
        const projectId = await rectificationProjectId(attachedTo.slice('rectification:'.length));
        const project = projectId ? await getProject(projectId) : null;
        allowed = !!project && canReadProject(req.viewer, project);
      } else if (attachedTo && /^[0-9a-f]{24}$/.test(attachedTo)) {
        const node = await getNode(attachedTo);
        const project = node ? await getProject(node.projectId) : null;
        allowed = !!project && canReadProject(req.viewer, project);
      }
      if (!allowed) return reply(res, 404, 'NOT_FOUND', '文件不存在');
      res.setHeader('Content-Type', info.metadata.contentType);
      res.setHeader('Content-Length', String(info.length));
      res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(info.filename)}`);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      openDownload(String(req.params.id)).on('error', next).pipe(res);
    } catch (e) {
      next(e);
    }
  });
  return router;
}
