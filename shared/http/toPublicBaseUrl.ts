import type { HttpRequest } from '@azure/functions';
import type { Config } from '../config';
import { readForwardedOrigin } from './readForwardedOrigin';

/** The settings the public base comes from. */
export type PublicUrlSettings = Pick<Config, 'LONGRUN_PUBLIC_BASE_URL' | 'LONGRUN_TRUST_FORWARDED_HEADERS' | 'appService'>;

/**
 * The public origin and route prefix of every URL handed out, e.g. `https://longrun.example.com/api`,
 * from a trusted source first: LONGRUN_PUBLIC_BASE_URL when set; else X-Forwarded-Proto and
 * X-Forwarded-Host, only with LONGRUN_TRUST_FORWARDED_HEADERS (a malformed one is a 400 problem);
 * else, in Azure, `https://` and the app's WEBSITE_HOSTNAME; else the request URL. A client's
 * X-Forwarded-Host is never used otherwise, so it cannot point a Location at another host.
 * Handlers call it before their first write: a request it refuses leaves nothing behind.
 */
export function toPublicBaseUrl(request: Pick<HttpRequest, 'url' | 'headers'>, settings: PublicUrlSettings): string {
  const configured = settings.LONGRUN_PUBLIC_BASE_URL;
  if (configured) return configured.endsWith('/api') ? configured : `${configured}/api`;
  const forwarded = settings.LONGRUN_TRUST_FORWARDED_HEADERS ? readForwardedOrigin(request.headers) : {};
  const url = new URL(request.url);
  // NOTE: WEBSITE_HOSTNAME is the app's default host name, set by the platform; custom domains are
  // not in it (reference-app-settings). Core Tools sets it locally too, hence only with appService.
  const platformHost = settings.appService?.hostname;
  const host = forwarded.host ?? platformHost ?? url.host;
  const proto = forwarded.proto ?? (forwarded.host === undefined && platformHost ? 'https' : url.protocol.slice(0, -1));
  return `${new URL(`${proto}://${host}`).origin}/api`;
}
