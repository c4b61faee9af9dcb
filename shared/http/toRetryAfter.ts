/** `Retry-After` is always a whole number of seconds (ARCHITECTURE.md §3). */
export function toRetryAfter(seconds: number): string {
  return String(Math.max(0, Math.ceil(seconds)));
}
