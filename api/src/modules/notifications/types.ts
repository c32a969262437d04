import type { Plain } from '../../lib/records.js';
import type { NotificationDoc } from './model.js';
import type { WebhookDoc, OutboxDoc } from './webhooks/model.js';

export type NotificationRecord = Plain<NotificationDoc>;
/** `url` in plain text, or null when it is sealed under a key this process does not hold. */
export type WebhookRecord = Plain<Omit<WebhookDoc, 'secret' | 'url'>> & { url: string | null; hasSecret: boolean };
export type WebhookDeliveryRecord = Plain<OutboxDoc>;

export interface NotificationConnectionRecord {
  nodes: NotificationRecord[];
  edges: { node: NotificationRecord; cursor: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: () => Promise<number>;
}
