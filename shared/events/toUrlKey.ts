import { createHash } from 'node:crypto';

/**
 * The key that groups a topic's subscriptions of one callback URL (32 hex digits of SHA-256 over
 * topic and URL): deliveries go once per key. It is the id a hook had when there was one row per
 * URL, so such a row groups with the subscriptions made since.
 */
export function toUrlKey(topic: string, callbackUrl: string): string {
  return createHash('sha256').update(`hook\n${topic}\n${callbackUrl}`).digest('hex').slice(0, 32);
}
