import { z } from 'zod';
import type { Config } from '../config';
import { createAddressPolicy, isIpLiteral, type AddressPolicy } from './addressPolicy';

/** Longest callback URL accepted. Logic Apps callback URLs are a few hundred characters. */
export const MAX_CALLBACK_URL_LENGTH = 2048;

/** What a callback URL is checked against; the app passes its config's values. */
export interface CallbackUrlOptions {
  /** Refuse `http:`. Config LONGRUN_CALLBACK_HTTPS_ONLY, default true. */
  readonly httpsOnly: boolean;
  /** CIDRs allowed although private or loopback. Config LONGRUN_CALLBACK_ALLOWED_NETWORKS, default none. */
  readonly allowedNetworks: readonly string[];
  /** A prebuilt policy for `allowedNetworks` (the outbound client passes its own). */
  readonly addressPolicy?: AddressPolicy;
}

/**
 * The verdict on a callback URL. `kind` tells a malformed URL (`invalidUrl`) from one refused by
 * policy (`blocked`); `reason` never repeats the URL, which may carry a `sig=` secret.
 */
export type CallbackUrlVerdict =
  | { readonly ok: true; readonly url: URL }
  | { readonly ok: false; readonly kind: 'invalidUrl' | 'blocked'; readonly reason: string };

const rawUrl = z.string().trim().min(1, 'expected a URL').max(MAX_CALLBACK_URL_LENGTH, `longer than ${MAX_CALLBACK_URL_LENGTH} characters`);

/** The URL's host without IPv6 brackets, as net.connect and the address policy take it. */
export function toConnectHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/** The options of validateCallbackUrl from the app's settings. */
export function toCallbackUrlOptions(settings: Pick<Config, 'LONGRUN_CALLBACK_HTTPS_ONLY' | 'LONGRUN_CALLBACK_ALLOWED_NETWORKS'>): CallbackUrlOptions {
  return { httpsOnly: settings.LONGRUN_CALLBACK_HTTPS_ONLY, allowedNetworks: settings.LONGRUN_CALLBACK_ALLOWED_NETWORKS };
}

/**
 * Checks a callback or hook URL at subscribe time (a refusal is a 400 and nothing is stored) and
 * again before every delivery: absolute http(s), no user info, https unless allowed, at most
 * 2048 characters, and a literal IP host must pass the address policy. Host names are checked
 * later, on the resolved address at connect time.
 */
export function validateCallbackUrl(raw: unknown, options: CallbackUrlOptions): CallbackUrlVerdict {
  const text = rawUrl.safeParse(raw);
  if (!text.success) return { ok: false, kind: 'invalidUrl', reason: `callback URL is not valid: ${text.error.issues[0]?.message ?? 'expected a string'}` };
  let url: URL;
  try {
    url = new URL(text.data);
  } catch {
    return { ok: false, kind: 'invalidUrl', reason: 'callback URL is not an absolute URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, kind: 'invalidUrl', reason: `callback URL must be https, got ${url.protocol.slice(0, -1)}` };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, kind: 'invalidUrl', reason: 'callback URL must not carry user info' };
  }
  if (url.protocol === 'http:' && options.httpsOnly) {
    return { ok: false, kind: 'blocked', reason: 'callback URL must be https (LONGRUN_CALLBACK_HTTPS_ONLY)' };
  }
  const host = toConnectHost(url);
  if (isIpLiteral(host)) {
    const policy = options.addressPolicy ?? createAddressPolicy(options.allowedNetworks);
    const verdict = policy(host);
    if (!verdict.allowed) return { ok: false, kind: 'blocked', reason: `callback address refused: ${verdict.reason}` };
  }
  return { ok: true, url };
}
