import { hkdfSync } from 'node:crypto';

/** Bytes of a sealing key (AES-256). */
export const SEALING_KEY_BYTES = 32;

/** HKDF `info` that turns a secret string into a sealing key: a label of its own, versioned. */
export const SEALING_KEY_INFO = 'longrun sealing key v1';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

/**
 * The key one entry of LONGRUN_SECRET_KEYS names: base64 (standard or url-safe) of exactly 32 bytes
 * is the key itself; any other entry is a secret string (at least 32 characters, checked by the
 * config) and the key is HKDF-SHA256 of it (no salt, info SEALING_KEY_INFO), so a random string
 * such as a generated Key Vault secret works as well as raw key bytes. Every instance derives the
 * same key from the same entry.
 */
export function toSealingKey(entry: string): Buffer {
  const text = entry.trim();
  for (const [pattern, encoding] of [[BASE64, 'base64'], [BASE64URL, 'base64url']] as const) {
    if (!pattern.test(text)) continue;
    const bytes = Buffer.from(text, encoding);
    if (bytes.length === SEALING_KEY_BYTES) return bytes;
  }
  if (text.length < SEALING_KEY_BYTES) throw new RangeError(`a sealing key must be base64 of 32 bytes or a secret of at least 32 characters, got ${text.length} characters`);
  return Buffer.from(hkdfSync('sha256', Buffer.from(text, 'utf8'), Buffer.alloc(0), SEALING_KEY_INFO, SEALING_KEY_BYTES));
}
