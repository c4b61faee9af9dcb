/** At most this much of a receiver's answer is recorded on an attempt (1 KiB). */
export const RESPONSE_PREFIX_BYTES = 1024;

/**
 * The recorded text of a receiver's answer: its first bytes decoded as UTF-8 (a character cut at
 * the end becomes U+FFFD), control characters other than tab and newline dropped, and anything
 * shaped like a `sig=` query value masked in case a receiver echoes a URL it was called on.
 * Undefined for an empty body.
 */
export function toResponseText(prefix: Buffer): string | undefined {
  if (prefix.byteLength === 0) return undefined;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(prefix.subarray(0, RESPONSE_PREFIX_BYTES));
  const clean = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').replace(/([?&]sig=)[^&\s"'<>]*/gi, '$1***');
  return clean.length > 0 ? clean : undefined;
}
