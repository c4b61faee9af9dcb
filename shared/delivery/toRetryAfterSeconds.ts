/**
 * Reads a Retry-After header (RFC 9110 §10.2.3) as whole seconds from `now`: delta-seconds or an
 * HTTP-date (a date in the past is 0). Anything else, or no header, is undefined.
 */
export function toRetryAfterSeconds(value: string | string[] | undefined, now: number = Date.now()): number | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) {
    const seconds = Number(text);
    return Number.isSafeInteger(seconds) ? seconds : undefined;
  }
  // NOTE: only the IMF-fixdate form ("Sun, 06 Nov 1994 08:49:37 GMT") is required of senders;
  // Date.parse also reads the obsolete forms, which recipients must accept.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}
