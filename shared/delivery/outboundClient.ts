import { performance } from 'node:perf_hooks';
import { Agent, type Dispatcher } from 'undici';
import { createAddressPolicy } from './addressPolicy';
import type { DeliveryResult } from '../model/DeliveryResult';
import { BlockedAddressError, createGuardedLookup, systemResolver, type HostResolver } from './guardedLookup';
import { readBodyPrefix } from './readBodyPrefix';
import { readBoundedBody } from './readBoundedBody';
import { RESPONSE_PREFIX_BYTES, toResponseText } from './toResponseText';
import { toRetryAfterSeconds } from './toRetryAfterSeconds';
import { validateCallbackUrl } from './validateCallbackUrl';

/** At most this much of a response body is read; the rest is discarded with the connection. */
export const MAX_RESPONSE_BYTES = 64 * 1024;

/** How the outbound client is built; the app builds its one client from config (shared/app). */
export interface OutboundClientOptions {
  /** Refuse `http:` URLs. Config LONGRUN_CALLBACK_HTTPS_ONLY, default true. */
  readonly httpsOnly: boolean;
  /** CIDRs reachable although private or loopback. Config LONGRUN_CALLBACK_ALLOWED_NETWORKS, default none. */
  readonly allowedNetworks: readonly string[];
  /** Budget for one attempt, connect to last byte read. Config LONGRUN_DELIVERY_TIMEOUT_MS, default 10000. */
  readonly timeoutMs: number;
  /** Host name resolver; default the system resolver. Tests map names to chosen addresses. */
  readonly resolve?: HostResolver;
}

/**
 * The outcome of one GET: any answer with its body (at most `maxBytes`), or why there is none.
 * Like DeliveryResult, no variant carries the URL.
 */
export type FetchResult =
  | { readonly kind: 'answered'; readonly status: number; readonly body: Buffer }
  | { readonly kind: 'tooLarge'; readonly maxBytes: number }
  | Extract<DeliveryResult, { kind: 'blocked' | 'timedOut' | 'connectFailed' | 'invalidUrl' }>;

/** The one HTTP client for callbacks, hook deliveries and the token issuer's keys (ARCHITECTURE.md §6). */
export interface OutboundClient {
  /** POSTs `body` once; every network outcome is a DeliveryResult, never a throw. */
  post(url: string, body: string | Buffer, headers: Record<string, string>): Promise<DeliveryResult>;
  /** GETs `url` once under the same rules (address policy, no redirects, time budget); never throws. */
  get(url: string, options: { readonly maxBytes: number; readonly headers?: Record<string, string> }): Promise<FetchResult>;
  /** Closes pooled connections. */
  close(): Promise<void>;
}

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT']);

function errorChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = error; current instanceof Error && chain.length < 5; current = current.cause) chain.push(current);
  return chain;
}

function codeOf(error: unknown): string | undefined {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  return typeof code === 'string' ? code : undefined;
}

function toFailure(error: unknown, timedOut: boolean, durationMs: number): Extract<DeliveryResult, { kind: 'blocked' | 'timedOut' | 'connectFailed' }> {
  const chain = errorChain(error);
  const blocked = chain.find((e): e is BlockedAddressError => e instanceof BlockedAddressError);
  if (blocked) return { kind: 'blocked', reason: blocked.reason };
  if (timedOut || chain.some((e) => TIMEOUT_CODES.has(codeOf(e) ?? ''))) return { kind: 'timedOut', durationMs };
  const first = chain[0];
  const message = first instanceof Error ? `${codeOf(first) ?? first.name}: ${first.message}` : String(error);
  // NOTE: node and undici network errors name the host and port, never the path or query.
  return { kind: 'connectFailed', message: message.slice(0, 300) };
}

/**
 * Builds the outbound client: one undici Agent whose connect `lookup` applies the address policy
 * to every resolved address; URL checks (scheme, user info, literal IP hosts, which bypass lookup)
 * run before connecting. Redirects are never followed: undici's request only follows them with the
 * redirect interceptor, which is not installed here, so a 3xx comes back as failureStatus.
 */
export function createOutboundClient(options: OutboundClientOptions): OutboundClient {
  const policy = createAddressPolicy(options.allowedNetworks);
  const agent = new Agent({
    connect: { lookup: createGuardedLookup(options.resolve ?? systemResolver, policy), timeout: options.timeoutMs },
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });
  const urlOptions = { httpsOnly: options.httpsOnly, allowedNetworks: options.allowedNetworks, addressPolicy: policy };

  type Failure = Extract<DeliveryResult, { kind: 'blocked' | 'invalidUrl' | 'timedOut' | 'connectFailed' }>;

  /**
   * One request under every rule: the URL checks, the address policy at connect time, no
   * redirects, the time budget from connect to the last byte `read` takes. Never throws.
   */
  async function send<T>(
    url: string,
    request: { readonly method: 'GET' | 'POST'; readonly headers: Record<string, string>; readonly body?: string | Buffer },
    read: (response: Dispatcher.ResponseData, signal: AbortSignal, elapsed: () => number) => Promise<T>,
  ): Promise<T | Failure> {
    const verdict = validateCallbackUrl(url, urlOptions);
    if (!verdict.ok) return verdict.kind === 'blocked' ? { kind: 'blocked', reason: verdict.reason } : { kind: 'invalidUrl', reason: verdict.reason };
    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.timeoutMs);
    try {
      const response = await agent.request({
        origin: verdict.url.origin,
        path: `${verdict.url.pathname}${verdict.url.search}`,
        ...request,
        signal: controller.signal,
      });
      return await read(response, controller.signal, elapsed);
    } catch (error) {
      return toFailure(error, controller.signal.aborted, elapsed());
    } finally {
      clearTimeout(timer);
    }
  }

  function post(url: string, body: string | Buffer, headers: Record<string, string>): Promise<DeliveryResult> {
    return send(url, { method: 'POST', headers: { 'user-agent': 'Longrun-Delivery/1', ...headers }, body }, async (response, _signal, elapsed) => {
      const status = response.statusCode;
      // At most MAX_RESPONSE_BYTES are read (then the body and its connection are destroyed); the
      // first 1 KiB is kept for the attempt's record. The status line decided the outcome already.
      const text = toResponseText(await readBodyPrefix(response.body, RESPONSE_PREFIX_BYTES, MAX_RESPONSE_BYTES));
      const durationMs = elapsed();
      const answer = text === undefined ? {} : { response: text };
      if (status >= 200 && status < 300) return { kind: 'delivered', status, durationMs, ...answer };
      const retryAfterSeconds = status === 429 || status === 503 ? toRetryAfterSeconds(response.headers['retry-after']) : undefined;
      return retryAfterSeconds === undefined
        ? { kind: 'failureStatus', status, durationMs, ...answer }
        : { kind: 'failureStatus', status, retryAfterSeconds, durationMs, ...answer };
    });
  }

  function get(url: string, { maxBytes, headers = {} }: { readonly maxBytes: number; readonly headers?: Record<string, string> }): Promise<FetchResult> {
    return send(url, { method: 'GET', headers: { 'user-agent': 'Longrun/1', accept: 'application/json', ...headers } }, async (response): Promise<FetchResult> => {
      const body = await readBoundedBody(response.body, maxBytes);
      return body === undefined ? { kind: 'tooLarge', maxBytes } : { kind: 'answered', status: response.statusCode, body };
    });
  }

  return { post, get, close: () => agent.close() };
}
