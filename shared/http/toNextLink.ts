import { toAbsoluteUrl } from './toAbsoluteUrl';
import { toSkiptoken } from './readPageQuery';

/**
 * The nextLink of a list page: the same route under the public base with the parsed query (never
 * the request's raw query, so no `code` function key is copied) and the skiptoken; undefined on the
 * last page.
 */
export function toNextLink(base: string, path: string, query: Record<string, string | number | undefined>, continuation: string | undefined): string | undefined {
  if (continuation === undefined) return undefined;
  const params: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(query)) params[name] = value === undefined ? undefined : String(value);
  return toAbsoluteUrl(base, path, { ...params, skiptoken: toSkiptoken(continuation) });
}
