import { createHash } from 'node:crypto';

/**
 * The job id a webhook action subscription had before job ids were time-ordered: derived from kind
 * and callback URL. Only unsubscribe still uses it, for a job subscribed by an earlier version (its
 * URL has no claim); new subscriptions claim their URL instead (subscribeWebhookJob).
 */
export function toSubscriptionJobId(kind: string, callbackUrl: string): string {
  return createHash('sha256').update(`subscribe\n${kind}\n${callbackUrl}`).digest('hex').slice(0, 32);
}

/** SHA-256 of a callback URL, hex: stored instead of comparing URLs in clear. */
export function toCallbackUrlHash(callbackUrl: string): string {
  return createHash('sha256').update(callbackUrl).digest('hex');
}
