import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new capability token: 256 random bits, base64url (ARCHITECTURE.md §6 asks for at least 128). */
export function newCapabilityToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored instead of the token: its SHA-256, hex. */
export function toTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Compares a presented token with a stored hash in constant time. */
export function isTokenValid(presented: string | null | undefined, storedHash: string): boolean {
  if (!presented) return false;
  const a = Buffer.from(toTokenHash(presented), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
