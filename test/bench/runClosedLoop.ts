import { performance } from 'node:perf_hooks';

/** How a closed-loop load runs: N workers, each sending its next request when the last answered. */
export interface ClosedLoopOptions {
  readonly concurrency: number;
  readonly durationMs: number;
  /** Requests before the clock starts (connections opened, code paths warmed). Default: 2 per worker. */
  readonly warmupPerWorker?: number;
  /**
   * Then this long under the same load before the clock starts, results dropped: a server's first
   * seconds run code V8 has not optimised yet, and the window should hold the steady state that a
   * running instance serves. Default 0.
   */
  readonly warmupMs?: number;
  /** Called as the timed window opens (after the warm-up) and as it closes: to read counters over the window alone. */
  readonly onWindow?: (edge: 'open' | 'close') => void;
}

/** What the load achieved. */
export interface ClosedLoopResult {
  readonly ok: number;
  readonly failed: number;
  readonly seconds: number;
  /** Successful operations per second. */
  readonly perSecond: number;
  /** Latency of every successful operation, ms. */
  readonly latenciesMs: number[];
  /** The first failure's message, to tell a real error from a slow run. */
  readonly firstError?: string;
}

/**
 * Runs `operation` from `concurrency` workers for `durationMs` (the equivalent of autocannon's
 * closed loop: offered load adapts to the service, so the rate measured is what it sustains).
 * `operation` resolves true for success; false or a rejection counts as a failure.
 */
export async function runClosedLoop(operation: () => Promise<boolean>, options: ClosedLoopOptions): Promise<ClosedLoopResult> {
  const warmup = options.warmupPerWorker ?? 2;
  await Promise.all(Array.from({ length: options.concurrency }, async () => {
    for (let i = 0; i < warmup; i++) await operation().catch(() => false);
  }));
  const warmEnd = performance.now() + (options.warmupMs ?? 0);
  await Promise.all(Array.from({ length: options.concurrency }, async () => {
    while (performance.now() < warmEnd) await operation().catch(() => false);
  }));
  const latenciesMs: number[] = [];
  let failed = 0;
  let firstError: string | undefined;
  options.onWindow?.('open');
  const started = performance.now();
  const end = started + options.durationMs;
  await Promise.all(Array.from({ length: options.concurrency }, async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      let ok: boolean;
      try {
        ok = await operation();
        if (!ok) firstError ??= 'the operation answered a failure';
      } catch (error) {
        ok = false;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
      if (ok) latenciesMs.push(performance.now() - t0);
      else failed++;
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  options.onWindow?.('close');
  return {
    ok: latenciesMs.length,
    failed,
    seconds: Math.round(seconds * 100) / 100,
    perSecond: Math.round((latenciesMs.length / seconds) * 10) / 10,
    latenciesMs,
    ...(firstError !== undefined ? { firstError } : {}),
  };
}
