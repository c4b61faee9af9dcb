/**
 * Retry-After as seconds, or undefined.
 * NOTE: connectors-native-http ("Set up interval between retry attempts with the Retry-After header")
 * gives it in seconds ("Retry-After": "300"); the HTTP-date form (RFC 9110) is not mentioned there and
 * is read here as the seconds until that date.
 */
export function parseRetryAfter(value: string | null): number | undefined {
  if (value === null) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}
