import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JSONWebKeySet, type JWK, type JWTPayload } from 'jose';

/** An RS256 signing key with its public JWK, as an Entra tenant publishes it. */
export interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly jwk: JWK;
}

/** A fresh RS256 key pair named `kid`. */
export async function newSigningKey(kid: string): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, use: 'sig' } };
}

/** What a test token carries; anything left out takes a valid value. */
export interface TokenClaims {
  readonly issuer: string;
  readonly audience: string;
  readonly roles?: unknown;
  /** Seconds from now; negative is in the past. Default 600. */
  readonly expiresIn?: number;
  /** Seconds from now for `nbf`. Default -60. */
  readonly notBefore?: number;
  /** Overrides the header's kid (a token naming one key, signed by another). */
  readonly kid?: string;
  readonly alg?: string;
  readonly extra?: JWTPayload;
}

/** Signs an access token shaped like Entra's (RS256, typ JWT, kid), with the given claims. */
export function signToken(key: SigningKey, claims: TokenClaims): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const payload: JWTPayload = { ...claims.extra, ...(claims.roles === undefined ? {} : { roles: claims.roles }) };
  return new SignJWT(payload)
    .setProtectedHeader({ alg: claims.alg ?? 'RS256', typ: 'JWT', kid: claims.kid ?? key.kid })
    .setIssuer(claims.issuer)
    .setAudience(claims.audience)
    .setIssuedAt(now - 120)
    .setNotBefore(now + (claims.notBefore ?? -60))
    .setExpirationTime(now + (claims.expiresIn ?? 600))
    .sign(key.privateKey);
}

/**
 * A stand-in token issuer on loopback: `<issuer>/.well-known/openid-configuration` names its
 * `jwks_uri`, which serves the current public keys. Counts the GETs of each document.
 */
export interface TestIssuer {
  /** `http://127.0.0.1:<port>/<tenant>/v2.0`, the `iss` of its tokens. */
  readonly issuer: string;
  readonly jwksUri: string;
  /** The keys published now; replace to rotate. */
  keys: SigningKey[];
  /** How many times the key set and the configuration were fetched. */
  readonly fetches: { jwks: number; metadata: number };
  stop(): Promise<void>;
}

export async function startTestIssuer(keys: SigningKey[]): Promise<TestIssuer> {
  const fetches = { jwks: 0, metadata: 0 };
  const state = { keys };
  let base = '';
  const server = http.createServer((req, res) => {
    const path = req.url ?? '';
    const json = (value: unknown): void => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    if (req.method === 'GET' && path === '/tenant-1/v2.0/.well-known/openid-configuration') {
      fetches.metadata++;
      json({ issuer: `${base}/tenant-1/v2.0`, jwks_uri: `${base}/tenant-1/discovery/v2.0/keys`, id_token_signing_alg_values_supported: ['RS256'] });
    } else if (req.method === 'GET' && path === '/tenant-1/discovery/v2.0/keys') {
      fetches.jwks++;
      json({ keys: state.keys.map((k) => k.jwk) } satisfies JSONWebKeySet);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer: `${base}/tenant-1/v2.0`,
    jwksUri: `${base}/tenant-1/discovery/v2.0/keys`,
    get keys() {
      return state.keys;
    },
    set keys(next: SigningKey[]) {
      state.keys = next;
    },
    fetches,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
