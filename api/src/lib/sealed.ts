/**
 * Credentials the API must keep in the database in a form it can use again (a group robot's URL
 * with its access token, its 加签 secret) are sealed with AES-256-GCM under `SECRETS_KEY`, so that
 * a database dump or backup does not hand out the means to post into the district's group chats.
 * A password is hashed instead (argon2); these cannot be, because the API sends them.
 *
 * A sealed value is `sealed:v1:` + base64(iv ‖ tag ‖ ciphertext), with the field it belongs to as
 * additional data (a value moved to another field does not open). Without a key, `seal` keeps
 * the plain text (the zero-setup default; start-up warns in production); a value stored plain
 * before a key was set still reads, and start-up seals it once a key is set
 * (db/upgrades.ts). Node's own crypto does the work: no library adds anything to it here.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const PREFIX = 'sealed:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

let key: Buffer | null = null;

/** The process's key, from SECRETS_KEY (64 hex characters); null: store plain. */
export function setSecretsKey(hex: string | null | undefined): void {
  key = hex ? Buffer.from(hex, 'hex') : null;
  if (key && key.length !== 32) throw new Error('SECRETS_KEY must be 64 hexadecimal characters (32 bytes)');
}

export function hasSecretsKey(): boolean {
  return key !== null;
}

/** A sealed value that this process cannot open: no key, another key, or altered bytes. */
export class SealedSecretError extends Error {
  constructor(readonly field: string) {
    super('机器人地址或加签密钥无法解密：请检查服务器的 SECRETS_KEY 配置');
  }
}

export const isSealed = (stored: string): boolean => stored.startsWith(PREFIX);

export function seal(plain: string, field: string): string {
  if (!key) return plain;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(field, 'utf8'));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function unseal(stored: string, field: string): string {
  if (!isSealed(stored)) return stored;
  if (!key) throw new SealedSecretError(field);
  const raw = Buffer.from(stored.slice(PREFIX.length), 'base64');
  if (raw.length < IV_BYTES + TAG_BYTES) throw new SealedSecretError(field);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(field, 'utf8'));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new SealedSecretError(field);
  }
}
