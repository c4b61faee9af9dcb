/** A datetime-local input's value (the operator's local time) as ISO 8601, or undefined when empty or unreadable. */
export function toIsoTime(local: string): string | undefined {
  if (!local) return undefined;
  const time = new Date(local);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}
