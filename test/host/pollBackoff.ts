/** The shortest wait between polls: after a poll that found messages, and at start. */
export const MIN_POLL_DELAY_MS = 100;

/**
 * The wait before the next poll of a queue: back to the minimum when the last poll found
 * messages, otherwise twice the previous wait, capped at `maxPollingIntervalMs`
 * (the host's queue listener backs off the same way).
 */
export function nextPollDelay(previousMs: number, found: boolean, maxPollingIntervalMs: number): number {
  const floor = Math.min(MIN_POLL_DELAY_MS, maxPollingIntervalMs);
  if (found) return floor;
  return Math.min(Math.max(previousMs * 2, floor), maxPollingIntervalMs);
}
