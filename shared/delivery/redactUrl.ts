/**
 * A URL safe to log: scheme, host and path, with user info, query and fragment removed; a removed
 * query shows as `?…`. Logic Apps callback URLs carry their `sig=` secret in the query (DESIGN §6),
 * so nothing ever logs a callback URL except through this.
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '[unparseable URL]';
  }
  const base = `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  return parsed.search === '' ? base : `${base}?…`;
}
