/** A webhook trigger's subscription: where a topic's events go, signed with the hook's secret. */
export interface Hook {
  /** Derived from topic and callback URL: subscribing again finds the same hook. */
  readonly id: string;
  readonly topic: string;
  /** The platform's callback URL (a secret: sealed at rest, never logged). */
  readonly url: string;
  /** The Standard Webhooks signing secret, `whsec_…` (sealed at rest, returned once at creation). */
  readonly secret: string;
  /** SHA-256 hashes of the tokens of the hook's DELETE URL (each subscribe adds one). */
  readonly tokenHashes: readonly string[];
  readonly status: 'active' | 'disabled';
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Since when every delivery has failed; cleared by a success. */
  readonly failingSince?: string;
}
