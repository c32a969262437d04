/** Who may see and run the 赛马: rankings are comparative, so no scope narrows them. */
import type { Viewer } from '../../auth/viewer.js';

export function canReadRace(v: Viewer | null): boolean {
  return !!v && (v.role === 'LEADER' || v.role === 'ADMIN' || v.role === 'PROMOTION');
}

/** Publishing a quarter: ADMIN, or district-level PROMOTION (区投资促进中心 runs the race). */
export function canPublishRace(v: Viewer | null): boolean {
  return !!v && (v.role === 'ADMIN' || (v.role === 'PROMOTION' && v.platformId === null));
}
