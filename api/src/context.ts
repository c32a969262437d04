/**
 * Per request: who is asking, the loaders (made fresh for each request), the request id used in
 * the audit log, and access to the express session for login/logout.
 */
import type { Request, Response } from 'express';
import type { Logger } from './lib/logger.js';
import type { Viewer } from './auth/viewer.js';
import { createLoaders, type Loaders } from './loaders.js';
import type { Config } from './config.js';
import { loadSettings, type Settings } from './modules/settings/service.js';

export interface Context {
  viewer: Viewer | null;
  loaders: Loaders;
  requestId: string;
  req: Request;
  res: Response;
  log: Logger;
  config: Config;
  /** The `asOf` a top-level query was asked with: the default for its derived fields. */
  asOf: string | null;
  /** Thresholds, read at most once per request. */
  settings(): Promise<Settings>;
  /**
   * The thresholds if this request has already read them: lets the derived fields of a long
   * list (two per node) answer synchronously instead of making a promise each.
   */
  settingsIfLoaded(): Settings | null;
}

export function createContext(req: Request, res: Response, viewer: Viewer | null, log: Logger, config: Config): Context {
  const requestId = (req as Request & { id?: string }).id ?? '';
  let settings: Promise<Settings> | null = null;
  let loaded: Settings | null = null;
  return {
    viewer,
    loaders: createLoaders(),
    requestId,
    req,
    res,
    log,
    config,
    asOf: null,
    settings: () => (settings ??= loadSettings().then((s) => (loaded = s))),
    settingsIfLoaded: () => loaded,
  };
}
