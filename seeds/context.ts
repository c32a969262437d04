/**
 * A service context for scripts and tests: the same rules as a GraphQL request, acting as a
 * given user (seeds sign projects as the demo promotion staff, for instance).
 */
import type { Request, Response } from 'express';
import { makeViewer, type Viewer } from '../api/src/auth/viewer.js';
import { createLogger } from '../api/src/lib/logger.js';
import { loadConfig } from '../api/src/config.js';
import { createContext, type Context } from '../api/src/context.js';
import type { UserRecord } from '../api/src/modules/users/types.js';

export function serviceContext(user: UserRecord | null, unitPlatformId: string | null = null): Context {
  const viewer: Viewer | null = user ? makeViewer(user, unitPlatformId) : null;
  return createContext({ id: 'seed' } as unknown as Request, {} as Response, viewer, createLogger('warn'), loadConfig({}));
}
