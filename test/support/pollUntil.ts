/** How long and how often {@link pollUntil} probes. */
export interface PollOptions {
  /** Give up after this long. */
  readonly timeoutMs: number;
  /** Pause between probes. Default 50 ms. */
  readonly intervalMs?: number;
  /** What is awaited, for the error message ("job abc to end"). */
  readonly what: string;
}

/**
 * Probes until `probe` returns something other than undefined, and returns it; throws naming
 * `what` (and the last value seen, when `describe` is given) once the deadline passes. Tests wait
 * with this instead of sleeping a guessed time.
 */
export async function pollUntil<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  options: PollOptions,
  describe?: () => string,
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) {
      const last = describe ? ` (last seen: ${describe()})` : '';
      throw new Error(`Timed out after ${options.timeoutMs} ms waiting for ${options.what}${last}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50));
  }
}
