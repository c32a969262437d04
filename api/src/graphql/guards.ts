import type { Context } from '../context.js';
import type { Viewer } from '../auth/viewer.js';
import { forbidden, unauthenticated } from './errors.js';
import type { Role } from '../modules/users/model.js';

/** The signed-in viewer, or UNAUTHENTICATED. */
export function requireViewer(ctx: Context): Viewer {
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer;
}

/** The viewer when their role is one of `roles`, else FORBIDDEN (default deny). */
export function requireRole(ctx: Context, ...roles: Role[]): Viewer {
  const v = requireViewer(ctx);
  if (!roles.includes(v.role)) throw forbidden();
  return v;
}

/** Clamps a page size to 1..100 (Relay `first`). */
export function pageSize(first: number | null | undefined, fallback = 20): number {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 1) return 1;
  return Math.min(n, 100);
}
