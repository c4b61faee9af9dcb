/**
 * The Logic Apps HTTP action's default retry policy: 4 retries, exponential, on 408, 429 and 5xx,
 * honouring Retry-After. Real intervals start near 7.5 s; `scale` shrinks them for tests.
 */
export interface RetryPolicy {
  readonly count: number;
  readonly minIntervalMs: number;
  readonly maxIntervalMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { count: 4, minIntervalMs: 5000, maxIntervalMs: 3_600_000 };

export function isRetriableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** The wait before retry number `retry` (1-based), scaled for tests. */
export function toRetryDelayMs(policy: RetryPolicy, retry: number, retryAfterSeconds: number | undefined, scale: number): number {
  if (retryAfterSeconds !== undefined) return retryAfterSeconds * 1000 * scale;
  const exponential = Math.min(policy.maxIntervalMs, policy.minIntervalMs * 2 ** (retry - 1));
  return exponential * scale;
}

/** Retry-After as seconds (integer or HTTP-date), or undefined. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (value === null) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}
