import { LOGIC_APPS_DEFAULT_RETRY_POLICY, POWER_AUTOMATE_DEFAULT_RETRY_POLICY, type RetryPolicy } from './retryPolicy';

/** Which engine the simulator plays: the same workflow engine, documented to differ in a few places. */
export type EngineFlavour = 'logicApps' | 'powerAutomate';

/** A request the engine sent, as a test can inspect it. `status` 0: no answer (connection failure, timeout). */
export interface EngineLogEntry {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  /** The headers as sent, lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly at: number;
}

export interface EngineOptions {
  /** Default `logicApps`. */
  readonly flavour?: EngineFlavour;
  /** Default: the flavour's default policy. */
  readonly retryPolicy?: RetryPolicy;
  /** Multiplies every wait (retry intervals, Retry-After, recurrence, poll interval) so tests run fast. Default 1. */
  readonly timeScale?: number;
  /** The retry policy's jitter, uniform in [0, 1). Default Math.random; `seededRandom(n)` repeats. */
  readonly random?: () => number;
  /**
   * How long one request may take before the engine gives up on it (not scaled). Default 120 s.
   * NOTE: power-automate-docs limits-and-config ("Timeout"): outbound synchronous request 120 seconds;
   * a timed-out request is retried like a 408 (logic-apps-exception-handling: "times out or fails").
   */
  readonly requestTimeoutMs?: number;
  /** Every request sent, in order, retries included. */
  readonly log?: EngineLogEntry[];
}

/** The default retry policy of a flavour (retryPolicy.ts cites both). */
export function toDefaultRetryPolicy(flavour: EngineFlavour = 'logicApps'): RetryPolicy {
  return flavour === 'powerAutomate' ? POWER_AUTOMATE_DEFAULT_RETRY_POLICY : LOGIC_APPS_DEFAULT_RETRY_POLICY;
}

/** Waits `ms` scaled by the options' timeScale. */
export function waitScaled(ms: number, options: Pick<EngineOptions, 'timeScale'>): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms * (options.timeScale ?? 1)));
}
