import { createHash } from 'node:crypto';

/**
 * The job id of a webhook action subscription: derived from kind and callback URL, so that a
 * repeated subscribe finds the same job with one insert (no lookup) and unsubscribe by callback
 * URL is one read. The id is no capability: the status URL's token is.
 */
export function toSubscriptionJobId(kind: string, callbackUrl: string): string {
  return createHash('sha256').update(`subscribe\n${kind}\n${callbackUrl}`).digest('hex').slice(0, 32);
}

/** SHA-256 of a callback URL, hex: stored instead of comparing URLs in clear. */
export function toCallbackUrlHash(callbackUrl: string): string {
  return createHash('sha256').update(callbackUrl).digest('hex');
}
