/**
 * A workflow retry policy as the definition language states it (`retryPolicy` in an action's inputs):
 * `exponential` waits a uniformly random interval from an exponentially growing range, `fixed`
 * waits `intervalMs`, `none` never resends.
 */
export interface RetryPolicy {
  readonly type: 'exponential' | 'fixed' | 'none';
  /** Retries after the first attempt. */
  readonly count: number;
  readonly intervalMs: number;
  /** Exponential only: the range's floor. */
  readonly minimumIntervalMs: number;
  /** Exponential only: the range's ceiling. */
  readonly maximumIntervalMs: number;
}

// NOTE: logic-apps-exception-handling ("Default retry policy"): "an exponential interval policy that
// sends up to 4 retries at exponentially increasing intervals. These intervals scale by 7.5 seconds
// but are capped between 5 and 45 seconds." The same page's JSON illustration of the default shows
// interval PT7S and maximumInterval PT1H, which contradicts its own prose: the prose is modelled.
export const LOGIC_APPS_DEFAULT_RETRY_POLICY: RetryPolicy = {
  type: 'exponential',
  count: 4,
  intervalMs: 7_500,
  minimumIntervalMs: 5_000,
  maximumIntervalMs: 45_000,
};

// NOTE: power-automate-docs limits-and-config ("Default retry policy"), Medium and High performance
// profiles (premium plans, which custom connectors need): "up to eight retries at exponentially
// increasing intervals, which scale by 7 seconds up to an interval of approximately 15 minutes for
// the last retry". With the exponential ranges below, retry 8 draws from [448 s, 896 s] (~15 min).
// The floor is that page's "Retry minimum delay 5 seconds", the ceiling its "Retry maximum delay 1 day".
export const POWER_AUTOMATE_DEFAULT_RETRY_POLICY: RetryPolicy = {
  type: 'exponential',
  count: 8,
  intervalMs: 7_000,
  minimumIntervalMs: 5_000,
  maximumIntervalMs: 86_400_000,
};

// NOTE: the same page, Low performance profile (free, Microsoft 365 plans, trials): "up to two retries
// at exponentially increasing intervals, which scale by 5 minutes up to an interval of approximately
// 10 minutes for the last retry" (retry 2 draws from [5 min, 10 min]).
export const POWER_AUTOMATE_LOW_PROFILE_RETRY_POLICY: RetryPolicy = { ...POWER_AUTOMATE_DEFAULT_RETRY_POLICY, count: 2, intervalMs: 300_000 };

export const NO_RETRY_POLICY: RetryPolicy = { type: 'none', count: 0, intervalMs: 0, minimumIntervalMs: 0, maximumIntervalMs: 0 };

/**
 * Whether the retry policy resends after this answer.
 * NOTE: logic-apps-exception-handling: "If the trigger or action's original request times out or
 * fails, resulting in a 408, 429, or 5xx response, the retry policy specifies that the trigger or
 * action resend the request"; logic-apps-workflow-actions-triggers (retryPolicy): "intermittent
 * failures, which have the 408, 429, and 5XX status code, and any connectivity exceptions".
 * A connectivity exception is status 0 here.
 */
export function isRetriableStatus(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

/**
 * The range the wait before retry number `retry` (1-based) is drawn from.
 * NOTE: logic-apps-exception-handling ("Random variable ranges"): retry 1 draws from
 * [max(0, minimum), min(interval, maximum)], retry n from [max(2^(n-2)·interval, minimum),
 * min(2^(n-1)·interval, maximum)], uniformly. When the floor passes the ceiling (a late retry of a
 * capped policy) the ceiling is the wait.
 */
export function toRetryIntervalRange(policy: RetryPolicy, retry: number): { readonly lowMs: number; readonly highMs: number } {
  if (policy.type === 'fixed') return { lowMs: policy.intervalMs, highMs: policy.intervalMs };
  const highMs = Math.min(2 ** (retry - 1) * policy.intervalMs, policy.maximumIntervalMs);
  const floor = retry === 1 ? 0 : 2 ** (retry - 2) * policy.intervalMs;
  return { lowMs: Math.min(Math.max(floor, policy.minimumIntervalMs), highMs), highMs };
}

/** The wait before retry number `retry` (1-based), drawn with `random` (uniform in [0, 1)). */
export function toRetryIntervalMs(policy: RetryPolicy, retry: number, random: () => number): number {
  const { lowMs, highMs } = toRetryIntervalRange(policy, retry);
  return lowMs + random() * (highMs - lowMs);
}
