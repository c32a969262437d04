import type { Plain } from '../../lib/records.js';
import type { AuditDoc } from './model.js';

export type AuditRecord = Plain<AuditDoc>;
