/**
 * The in-memory backend: nothing is persisted. Used by tests and `npm run db -- --memory`.
 */
import type { JournalRecord, ServerState, Storage } from '../types.js';

export class MemoryStorage implements Storage {
  async open(): Promise<ServerState> {
    return new Map();
  }
  async append(_batch: JournalRecord[], _generation?: number): Promise<void> {}
  requestSnapshot(_capture: () => ServerState): void {}
  async close(): Promise<void> {}
}
