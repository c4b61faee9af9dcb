/**
 * Why a management route refused its caller (LONGRUN_AUTH=entra). `reason` says which check failed
 * and never repeats the token.
 * - `noToken`: no bearer token was presented.
 * - `invalidToken`: a token was presented but does not verify (signature, issuer, audience, time).
 * - `missingRole`: the token verifies but its `roles` lack the required app role.
 * - `keysUnavailable`: the issuer's signing keys could not be fetched, so nothing could be verified.
 */
export type CallerRejection =
  | { readonly kind: 'noToken' }
  | { readonly kind: 'invalidToken'; readonly reason: string }
  | { readonly kind: 'missingRole'; readonly role: string }
  | { readonly kind: 'keysUnavailable'; readonly reason: string };
