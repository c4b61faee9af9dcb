/** An absolute URL under the public base (toPublicBaseUrl): `toAbsoluteUrl(base, 'jobs/abc', { token })`. */
export function toAbsoluteUrl(base: string, path: string, query: Record<string, string | undefined> = {}): string {
  const url = new URL(`${base}/${path.replace(/^\/+/, '')}`);
  for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, value);
  return url.toString();
}
