import type { WorkflowIdentity } from './WorkflowIdentity';

/**
 * One webhook trigger subscription: what one subscribe created, with its own id, DELETE token and
 * signing secret. Subscriptions of one callback URL in a topic share a `urlKey`: an event goes once
 * to that URL, signed with each live subscription's secret, and the URL's health is theirs together.
 */
export interface Hook {
  /** Random, 32 hexadecimal digits: names the subscription's DELETE URL. */
  readonly id: string;
  readonly topic: string;
  /** The platform's callback URL (a secret: sealed at rest, never logged). */
  readonly url: string;
  /** toUrlKey(topic, url): groups the subscriptions of one callback URL. */
  readonly urlKey: string;
  /** The Standard Webhooks signing secret, `whsec_…` (sealed at rest, returned by the subscribe). */
  readonly secret: string;
  /** SHA-256 hashes of the DELETE tokens: one (a row from the one-row-per-URL model may hold several). */
  readonly tokenHashes: readonly string[];
  readonly status: 'active' | 'disabled';
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Since when every delivery to the URL has failed; cleared by a success or a new subscribe. */
  readonly failingSince?: string;
  /** When and why it was disabled (status `disabled` only). */
  readonly disabledAt?: string;
  readonly disabledReason?: string;
  /** The subscribe's workflow headers (to find it on an unsubscribe that names no URL). */
  readonly workflow: WorkflowIdentity;
}
