/**
 * A callback URL as the console shows it: scheme, host and path only. The query (where a
 * callback's `sig=` lives) and the fragment are dropped, and so are credentials in the authority.
 */
export function toDisplayUrl(raw: string | undefined): string {
  if (!raw) return '—';
  try {
    const url = new URL(raw);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return raw.split(/[?#]/)[0] ?? '';
  }
}
