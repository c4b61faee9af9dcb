/** The longest a start may hold the request (ARCHITECTURE.md §3): well under the engine's 120 s. */
export const MAX_PREFER_WAIT_SECONDS = 60;

/**
 * The `wait` preference of a `Prefer` header (RFC 7240 §4.3), clamped to 60 s; undefined when absent
 * or not a whole number (a preference that does not parse is ignored, as the RFC asks).
 */
export function parsePreferWait(header: string | null): number | undefined {
  if (!header) return undefined;
  for (const preference of header.split(',')) {
    const [name, value] = (preference.split(';')[0] ?? '').split('=').map((s) => s.trim());
    if (name?.toLowerCase() !== 'wait' || value === undefined) continue;
    const unquoted = value.replace(/^"(.*)"$/, '$1');
    if (!/^\d+$/.test(unquoted)) return undefined;
    return Math.min(Number(unquoted), MAX_PREFER_WAIT_SECONDS);
  }
  return undefined;
}
