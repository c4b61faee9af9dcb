import { Problem } from '../model/errors';
import type { CallerRejection } from './CallerRejection';

/** Seconds a caller is asked to wait when the issuer's keys could not be fetched. */
export const KEYS_UNAVAILABLE_RETRY_AFTER_SECONDS = 10;

/**
 * The answer to a refused caller, as problem+json. NOTE: RFC 6750 §3: a request without a token gets
 * `WWW-Authenticate: Bearer` and no error code (§3.1); a token that is expired, revoked, malformed
 * or otherwise invalid gets 401 with `error="invalid_token"`; a token without the needed privileges
 * gets 403 (`insufficient_scope`). Keys the app could not fetch are its own failure: 503 with
 * Retry-After, which the engines retry (logic-apps-exception-handling).
 */
export function toCallerProblem(rejection: CallerRejection): Problem {
  switch (rejection.kind) {
    case 'noToken':
      return new Problem(401, 'A bearer token from Microsoft Entra ID is required (Authorization: Bearer <token>).', {
        headers: { 'WWW-Authenticate': 'Bearer' },
      });
    case 'invalidToken':
      return new Problem(401, `The bearer token is not valid: ${rejection.reason}.`, {
        headers: { 'WWW-Authenticate': `Bearer error="invalid_token", error_description="${quoted(rejection.reason)}"` },
      });
    case 'missingRole':
      return new Problem(403, `The bearer token does not carry the app role ${rejection.role}.`, {
        title: 'Forbidden',
        headers: { 'WWW-Authenticate': `Bearer error="insufficient_scope", error_description="${quoted(`the app role ${rejection.role} is required`)}"` },
      });
    case 'keysUnavailable':
      return new Problem(503, 'The token issuer’s signing keys could not be fetched; try again later.', {
        headers: { 'Retry-After': String(KEYS_UNAVAILABLE_RETRY_AFTER_SECONDS) },
      });
  }
}

/** A quoted-string's content for an auth-param (RFC 9110 §5.6.4): printable ASCII without `"` and `\`. */
function quoted(text: string): string {
  return text.replace(/[^\x20-\x7e]|["\\]/g, ' ');
}
