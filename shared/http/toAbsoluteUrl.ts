import type { HttpRequest } from '@azure/functions';

/**
 * The public origin and route prefix the caller used: `configured` (LONGRUN_PUBLIC_BASE_URL) when
 * set, else X-Forwarded-Proto / X-Forwarded-Host (front doors, API Management), else the request
 * URL. Returns e.g. `https://longrun.example.com/api`: the base of every URL we hand out.
 */
export function toPublicBaseUrl(request: Pick<HttpRequest, 'url' | 'headers'>, configured: string | undefined): string {
  if (configured) return configured.endsWith('/api') ? configured : `${configured}/api`;
  const url = new URL(request.url);
  const proto = firstValue(request.headers.get('x-forwarded-proto'));
  const host = firstValue(request.headers.get('x-forwarded-host'));
  const protocol = proto === 'http' || proto === 'https' ? proto : url.protocol.replace(':', '');
  return `${protocol}://${host ?? url.host}/api`;
}

function firstValue(header: string | null): string | undefined {
  const value = header?.split(',')[0]?.trim();
  return value ? value : undefined;
}

/** An absolute URL under the public base (toPublicBaseUrl): `toAbsoluteUrl(base, 'jobs/abc', { token })`. */
export function toAbsoluteUrl(base: string, path: string, query: Record<string, string | undefined> = {}): string {
  const url = new URL(`${base}/${path.replace(/^\/+/, '')}`);
  for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, value);
  return url.toString();
}
