import type { UserRecord } from '../modules/users/types.js';
import type { Role } from '../modules/users/model.js';

/** The signed-in user and the scope their permissions are checked against. */
export interface Viewer {
  user: UserRecord;
  role: Role;
  userId: string;
  /** PROMOTION staff of a platform, or UNIT staff of a platform's own unit. */
  platformId: string | null;
  unitId: string | null;
}

export function makeViewer(user: UserRecord, unitPlatformId: string | null): Viewer {
  return {
    user,
    role: user.role,
    userId: user.id,
    platformId: user.role === 'UNIT' ? unitPlatformId : user.platformId,
    unitId: user.unitId,
  };
}

/** Codegen mapper name (the schema has its own `Viewer` type). */
export type ViewerRecord = Viewer;
