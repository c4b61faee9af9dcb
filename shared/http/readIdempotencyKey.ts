import type { HttpRequest } from '@azure/functions';
import { Problem } from '../model/errors';

/** The Idempotency-Key header: printable ASCII, 1..255 characters; 400 otherwise. */
export function readIdempotencyKey(request: HttpRequest): string | undefined {
  const key = request.headers.get('idempotency-key');
  if (key === null) return undefined;
  if (!/^[\x20-\x7e]{1,255}$/.test(key)) {
    throw new Problem(400, 'The Idempotency-Key header must be 1 to 255 printable ASCII characters.');
  }
  return key;
}
