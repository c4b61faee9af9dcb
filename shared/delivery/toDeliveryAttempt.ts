import type { DeliveryAttempt, DeliveryErrorClass } from '../model/Delivery';
import type { DeliveryResult } from '../model/DeliveryResult';

/** Node and OpenSSL codes of a failed TLS handshake or certificate check (as the connect failure's message starts). */
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|ERR_OSSL_|EPROTO|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/;

/** The class of an answer's status: 3xx (never followed), 4xx or 5xx; other codes count as 5xx. */
function toStatusClass(status: number): DeliveryErrorClass {
  if (status >= 300 && status < 400) return 'http-3xx';
  if (status >= 400 && status < 500) return 'http-4xx';
  return 'http-5xx';
}

/** Pure: what one attempt's result is recorded as: status, duration, error class, the answer's first 1 KiB. Never the URL. */
export function toDeliveryAttempt(result: DeliveryResult, at: string): DeliveryAttempt {
  const answer = 'response' in result && result.response !== undefined ? { response: result.response } : {};
  switch (result.kind) {
    case 'delivered':
      return { at, result: result.kind, status: result.status, durationMs: result.durationMs, ...answer };
    case 'failureStatus':
      return { at, result: result.kind, status: result.status, durationMs: result.durationMs, errorClass: toStatusClass(result.status), ...answer };
    case 'timedOut':
      return { at, result: result.kind, durationMs: result.durationMs, errorClass: 'timeout' };
    case 'blocked':
      return { at, result: result.kind, error: result.reason, errorClass: 'refused-by-policy' };
    case 'invalidUrl':
      return { at, result: result.kind, error: result.reason, errorClass: 'invalid-url' };
    case 'connectFailed':
      return { at, result: result.kind, error: result.message, errorClass: TLS_CODE.test(result.message) ? 'tls' : 'connect' };
  }
}
