import { createLocalJWKSet, decodeProtectedHeader, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { z } from 'zod';
import type { CallerRejection } from './CallerRejection';
import { IssuerKeysUnavailable } from './IssuerKeys';
import { readBearerToken } from './readBearerToken';

/** Where the verifier gets the key set for a token's `kid` (IssuerKeys in the app). */
export interface KeySource {
  forKid(kid: string | undefined): Promise<JSONWebKeySet>;
}

/** What a caller's token is checked against; the wiring point passes the LONGRUN_ENTRA_* settings. */
export interface EntraTokenVerifierOptions {
  /** LONGRUN_ENTRA_ISSUER: the `iss` every token must carry, exactly. */
  readonly issuer: string;
  /** LONGRUN_ENTRA_AUDIENCE: the `aud` every token must carry. */
  readonly audience: string;
  /** LONGRUN_ENTRA_ROLE: the app role `roles` must contain. */
  readonly role: string;
  readonly keys: KeySource;
  /** Leeway on `exp` and `nbf`, in seconds. Default 300. */
  readonly clockToleranceSeconds?: number;
  /** The clock. Default now. */
  readonly currentDate?: () => Date;
}

// NOTE: Microsoft.IdentityModel validates token lifetimes with a clock skew of 300 seconds
// (TokenValidationParameters.DefaultClockSkew); the same leeway is kept here.
const DEFAULT_CLOCK_TOLERANCE_SECONDS = 300;
// NOTE: the Microsoft identity platform signs tokens with RS256 (access-token-claims-reference, header
// `alg`; the tenants' OpenID metadata lists only RS256 in id_token_signing_alg_values_supported); any
// other algorithm, `none` and HMAC included, is refused.
const ALGORITHMS = ['RS256'];
const roles = z.array(z.string());

/**
 * Checks the bearer token of a management request (LONGRUN_AUTH=entra): signature against the
 * issuer's keys, `iss`, `aud`, `exp`/`nbf` with leeway, then the app role in `roles`. Answers
 * undefined for an accepted caller, else why it was refused.
 */
export class EntraTokenVerifier {
  private readonly keySets = new WeakMap<JSONWebKeySet, ReturnType<typeof createLocalJWKSet>>();

  constructor(private readonly options: EntraTokenVerifierOptions) {}

  async check(authorization: string | null | undefined): Promise<CallerRejection | undefined> {
    const credential = readBearerToken(authorization);
    if (credential.kind === 'none') return { kind: 'noToken' };
    if (credential.kind === 'malformed') return { kind: 'invalidToken', reason: 'the Authorization header does not carry a bearer token' };
    let kid: string | undefined;
    try {
      kid = decodeProtectedHeader(credential.token).kid;
    } catch {
      return { kind: 'invalidToken', reason: 'the token is not a signed JWT' };
    }
    let keySet: JSONWebKeySet;
    try {
      keySet = await this.options.keys.forKid(kid);
    } catch (error) {
      if (error instanceof IssuerKeysUnavailable) return { kind: 'keysUnavailable', reason: error.message };
      throw error;
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(credential.token, this.localKeys(keySet), {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: ALGORITHMS,
        clockTolerance: this.options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp'],
        ...(this.options.currentDate ? { currentDate: this.options.currentDate() } : {}),
      }));
    } catch (error) {
      return { kind: 'invalidToken', reason: toReason(error) };
    }
    const granted = roles.safeParse(payload.roles);
    if (!granted.success || !granted.data.includes(this.options.role)) return { kind: 'missingRole', role: this.options.role };
    return undefined;
  }

  /** One local key set per fetched document, so jose imports each key once. */
  private localKeys(keySet: JSONWebKeySet): ReturnType<typeof createLocalJWKSet> {
    let local = this.keySets.get(keySet);
    if (!local) {
      local = createLocalJWKSet(keySet);
      this.keySets.set(keySet, local);
    }
    return local;
  }
}

/** Which check a token failed, in words that never repeat the token or its claims. */
export function toReason(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'iss':
        return 'the token was not issued by the configured issuer';
      case 'aud':
        return 'the token is meant for another audience';
      case 'nbf':
        return 'the token is not valid yet';
      default:
        return `the token's ${error.claim} claim is missing or invalid`;
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token is not signed with RS256';
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) return 'no signing key of the issuer matches the token';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the token signature does not verify';
  return 'the token is not a valid signed JWT';
}
