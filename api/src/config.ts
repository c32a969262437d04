/**
 * Configuration from the environment, validated once at start-up.
 */
import { z } from 'zod';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  /** Unset: the embedded MongoDB-compatible server with data in DATA_DIR. */
  MONGODB_URI: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  /** Secret for signing session cookies; generated per data directory when unset. */
  SESSION_SECRET: z.string().min(16).optional(),
  /** Seed the demo district when the database has no users. */
  SEED_IF_EMPTY: z.enum(['0', '1']).default('0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Serve the built client from this folder when it exists. */
  CLIENT_DIST: z.string().default('client/dist'),
  /** Max evidence file size in bytes. */
  EVIDENCE_MAX_BYTES: z.coerce.number().int().positive().default(20 * 1024 * 1024),
  TRUST_PROXY: z.string().optional(),
  /**
   * Key sealing the group robots' URLs and 加签 secrets in the database (lib/sealed.ts):
   * 64 hexadecimal characters, e.g. from `openssl rand -hex 32`. Unset: they are stored plain.
   */
  SECRETS_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hexadecimal characters (32 bytes), e.g. from `openssl rand -hex 32`')
    .optional(),
});

export type Config = z.infer<typeof schema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  return parsed.data;
}
