import type { HttpRequest } from '@azure/functions';
import type { Config } from '../config';
import { readForwardedOrigin } from './readForwardedOrigin';

/** The settings the public base comes from. */
export type PublicUrlSettings = Pick<Config, 'LONGRUN_PUBLIC_BASE_URL' | 'LONGRUN_TRUST_FORWARDED_HEADERS' | 'appService'>;

/** Bases that depend on the settings alone (configured, or the platform's host name): computed once per settings. */
const fixedBases = new WeakMap<PublicUrlSettings, string>();
/** Bases taken from the request URL, by its origin as written; bounded, since a client chooses its Host header. */
const requestBases = new Map<string, string>();
const MAX_REQUEST_ORIGINS = 32;
const ORIGIN_TEXT = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;

function fromParts(request: Pick<HttpRequest, 'url' | 'headers'>, settings: PublicUrlSettings): string {
  const forwarded = settings.LONGRUN_TRUST_FORWARDED_HEADERS ? readForwardedOrigin(request.headers) : {};
  const url = new URL(request.url);
  // NOTE: WEBSITE_HOSTNAME is the app's default host name, set by the platform; custom domains are
  // not in it (reference-app-settings). Core Tools sets it locally too, hence only with appService.
  const platformHost = settings.appService?.hostname;
  const host = forwarded.host ?? platformHost ?? url.host;
  const proto = forwarded.proto ?? (forwarded.host === undefined && platformHost ? 'https' : url.protocol.slice(0, -1));
  return `${new URL(`${proto}://${host}`).origin}/api`;
}

/**
 * The public origin and route prefix of every URL handed out, e.g. `https://longrun.example.com/api`,
 * from a trusted source first: LONGRUN_PUBLIC_BASE_URL when set; else X-Forwarded-Proto and
 * X-Forwarded-Host, only with LONGRUN_TRUST_FORWARDED_HEADERS (a malformed one is a 400 problem);
 * else, in Azure, `https://` and the app's WEBSITE_HOSTNAME; else the request URL. A client's
 * X-Forwarded-Host is never used otherwise, so it cannot point a Location at another host.
 * Handlers call it before their first write: a request it refuses leaves nothing behind.
 * Computed once where it can be: per settings when it does not depend on the request, per request
 * origin when it is the request's; only trusted forwarded headers are read on every request.
 */
export function toPublicBaseUrl(request: Pick<HttpRequest, 'url' | 'headers'>, settings: PublicUrlSettings): string {
  const fixed = fixedBases.get(settings);
  if (fixed !== undefined) return fixed;
  const configured = settings.LONGRUN_PUBLIC_BASE_URL;
  if (configured) {
    const base = configured.endsWith('/api') ? configured : `${configured}/api`;
    fixedBases.set(settings, base);
    return base;
  }
  if (settings.LONGRUN_TRUST_FORWARDED_HEADERS) return fromParts(request, settings);
  if (settings.appService?.hostname) {
    const base = fromParts(request, settings);
    fixedBases.set(settings, base);
    return base;
  }
  const origin = ORIGIN_TEXT.exec(request.url)?.[0];
  const known = origin === undefined ? undefined : requestBases.get(origin);
  if (known !== undefined) return known;
  const base = fromParts(request, settings);
  if (origin !== undefined && requestBases.size < MAX_REQUEST_ORIGINS) requestBases.set(origin, base);
  return base;
}
