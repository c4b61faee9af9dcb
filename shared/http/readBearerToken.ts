/** What a request's Authorization header carries, as far as bearer tokens go. */
export type BearerCredential =
  | { readonly kind: 'none' }
  | { readonly kind: 'malformed' }
  | { readonly kind: 'token'; readonly token: string };

/** Longest token read; Entra access tokens are a few kilobytes, and the host bounds headers anyway. */
export const MAX_BEARER_TOKEN_LENGTH = 16 * 1024;

// NOTE: RFC 6750 §2.1: `Authorization: Bearer <b64token>`; the scheme is case-insensitive (RFC 9110 §11.1).
const BEARER = /^bearer(?:\s+(.*))?$/i;
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * Reads the bearer token of an Authorization header: `none` when there is no header or another
 * scheme (the caller presented no token), `malformed` when the Bearer credential is not a token.
 */
export function readBearerToken(authorization: string | null | undefined): BearerCredential {
  const match = BEARER.exec((authorization ?? '').trim());
  if (!match) return { kind: 'none' };
  const token = (match[1] ?? '').trim();
  if (token.length === 0 || token.length > MAX_BEARER_TOKEN_LENGTH || !B64TOKEN.test(token)) return { kind: 'malformed' };
  return { kind: 'token', token };
}
