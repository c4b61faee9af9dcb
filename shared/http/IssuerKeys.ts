import type { JSONWebKeySet } from 'jose';
import { z } from 'zod';
import type { FetchResult, OutboundClient } from '../delivery/outboundClient';

/** The issuer's keys could not be fetched (network, status, or a document that does not parse). */
export class IssuerKeysUnavailable extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'IssuerKeysUnavailable';
  }
}

/** How IssuerKeys is built; the wiring point passes the settings and the one outbound client. */
export interface IssuerKeysOptions {
  /** LONGRUN_ENTRA_ISSUER: the metadata is at `<issuer>/.well-known/openid-configuration`. */
  readonly issuer: string;
  /** LONGRUN_ENTRA_JWKS_URI: the keys' URL; default the metadata's `jwks_uri`. */
  readonly jwksUri?: string;
  /** The one outbound client: the issuer is reached under the same address policy as callbacks. */
  readonly client: Pick<OutboundClient, 'get'>;
  /** Least time between two fetches caused by an unknown `kid`. Default 5 minutes. */
  readonly refreshFloorMs?: number;
  /** Keys older than this are fetched again before use. Default 12 hours. */
  readonly maxAgeMs?: number;
  /** The clock, in milliseconds. Default Date.now. */
  readonly now?: () => number;
}

// NOTE: Microsoft.IdentityModel's ConfigurationManager refreshes metadata every 12 hours
// (DefaultAutomaticRefreshInterval) and at most once per 5 minutes on demand (DefaultRefreshInterval);
// signing-key-rollover: keys roll over at any time, so an unknown kid must lead to a refresh.
const DEFAULT_REFRESH_FLOOR_MS = 5 * 60_000;
const DEFAULT_MAX_AGE_MS = 12 * 3_600_000;
/** Largest metadata or key document read; Entra's are a few kilobytes. */
export const MAX_ISSUER_DOCUMENT_BYTES = 256 * 1024;

const metadataSchema = z.looseObject({ jwks_uri: z.url({ protocol: /^https?$/ }) });
const jwksSchema = z.object({ keys: z.array(z.looseObject({ kty: z.string(), kid: z.string().optional() })).min(1) });

interface Fetched {
  readonly jwks: JSONWebKeySet;
  readonly kids: ReadonlySet<string>;
  readonly at: number;
}

/**
 * The issuer's signing keys, fetched through the outbound client and cached: fetched again when
 * older than `maxAgeMs`, and when a token names a `kid` the set lacks — at most once per
 * `refreshFloorMs`, so a flood of made-up kids cannot hammer the issuer. Concurrent callers share
 * one fetch. A failed fetch keeps the keys already held.
 */
export class IssuerKeys {
  private fetched: Fetched | undefined;
  private loading: Promise<Fetched> | undefined;
  private lastUnknownKidRefresh: number | undefined;
  private readonly refreshFloorMs: number;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(private readonly options: IssuerKeysOptions) {
    this.refreshFloorMs = options.refreshFloorMs ?? DEFAULT_REFRESH_FLOOR_MS;
    this.maxAgeMs = options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
    this.now = options.now ?? Date.now;
  }

  /**
   * The key set to verify a token whose header names `kid`. Throws IssuerKeysUnavailable when no
   * keys could be fetched, or when a refresh for an unknown kid failed.
   */
  async forKid(kid: string | undefined): Promise<JSONWebKeySet> {
    let current = this.fetched;
    if (!current) return (await this.load()).jwks;
    if (this.now() - current.at >= this.maxAgeMs) {
      current = await this.load().catch(() => current as Fetched);
    }
    if (kid !== undefined && !current.kids.has(kid) && this.mayRefreshForUnknownKid()) {
      this.lastUnknownKidRefresh = this.now();
      current = await this.load();
    }
    return current.jwks;
  }

  private mayRefreshForUnknownKid(): boolean {
    return this.lastUnknownKidRefresh === undefined || this.now() - this.lastUnknownKidRefresh >= this.refreshFloorMs;
  }

  private load(): Promise<Fetched> {
    this.loading ??= this.fetchKeys().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async fetchKeys(): Promise<Fetched> {
    const jwksUri = this.options.jwksUri ?? (await this.fetchJson(toMetadataUrl(this.options.issuer), metadataSchema, 'the OpenID configuration')).jwks_uri;
    const jwks = await this.fetchJson(jwksUri, jwksSchema, 'the key set');
    const fetched: Fetched = {
      jwks,
      kids: new Set(jwks.keys.flatMap((key) => (key.kid === undefined ? [] : [key.kid]))),
      at: this.now(),
    };
    this.fetched = fetched;
    return fetched;
  }

  private async fetchJson<T>(url: string, schema: z.ZodType<T>, what: string): Promise<T> {
    const result = await this.options.client.get(url, { maxBytes: MAX_ISSUER_DOCUMENT_BYTES });
    if (result.kind !== 'answered') throw new IssuerKeysUnavailable(`${what} could not be fetched: ${describeFailure(result)}`);
    if (result.status !== 200) throw new IssuerKeysUnavailable(`${what} answered ${result.status}`);
    let json: unknown;
    try {
      json = JSON.parse(result.body.toString('utf8'));
    } catch {
      throw new IssuerKeysUnavailable(`${what} is not JSON`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new IssuerKeysUnavailable(`${what} does not have the expected shape`);
    return parsed.data;
  }
}

/** `<issuer>/.well-known/openid-configuration` (OpenID Connect Discovery 1.0 §4), one slash between. */
export function toMetadataUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

function describeFailure(result: Exclude<FetchResult, { kind: 'answered' }>): string {
  switch (result.kind) {
    case 'tooLarge':
      return `larger than ${result.maxBytes} bytes`;
    case 'timedOut':
      return `no answer within ${result.durationMs} ms`;
    case 'connectFailed':
      return result.message;
    case 'blocked':
    case 'invalidUrl':
      return result.reason;
  }
}
