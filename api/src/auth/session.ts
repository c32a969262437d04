import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../lib/logger.js';
import { isId } from '../lib/records.js';
import { findUserById, toUserRecord } from '../modules/users/repository.js';
import { UnitModel } from '../modules/org/model.js';
import { makeViewer, type Viewer } from './viewer.js';

/** Resolves the session's user into `req.viewer` (null when signed out, deactivated or unknown). */
export function loadViewer(log: Logger) {
  return async (req: Request & { viewer?: Viewer | null }, _res: Response, next: NextFunction) => {
    req.viewer = null;
    const userId = req.session?.userId;
    if (!isId(userId)) return next();
    try {
      const doc = await findUserById(userId);
      if (!doc || !doc.active) {
        delete req.session.userId;
        return next();
      }
      let unitPlatformId: string | null = null;
      if (doc.role === 'UNIT' && doc.unitId) {
        const unit = (await UnitModel.findById(doc.unitId, { platformId: 1 }).lean()) as { platformId?: { toHexString(): string } | null } | null;
        unitPlatformId = unit?.platformId ? unit.platformId.toHexString() : null;
      }
      req.viewer = makeViewer(toUserRecord(doc), unitPlatformId);
      next();
    } catch (err) {
      log.warn({ err }, 'could not load the session user');
      next(err);
    }
  };
}

export function regenerateSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
}
export function saveSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.save((err) => (err ? reject(err) : resolve())));
}
export function destroySession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.destroy((err) => (err ? reject(err) : resolve())));
}
