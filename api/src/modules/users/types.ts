import type { Role } from './model.js';

/** A user as the API sees it (never the password hash). */
export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  platformId: string | null;
  phone: string | null;
  email: string | null;
  active: boolean;
  createdAt: Date;
}
