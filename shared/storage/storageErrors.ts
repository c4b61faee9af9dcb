/** The HTTP status of a storage SDK error. NOTE: data-tables puts it in `statusCode`, not `code`. */
export function toStorageStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  if ('statusCode' in error && typeof error.statusCode === 'number') return error.statusCode;
  return undefined;
}

/** True when a conditional write lost its race (412) or an insert found the row there (409). */
export function isConflict(error: unknown): boolean {
  const status = toStorageStatus(error);
  return status === 412 || status === 409;
}

export function isNotFound(error: unknown): boolean {
  return toStorageStatus(error) === 404;
}

/** Error codes of a call that got no answer: refused, reset, timed out, or a name that did not resolve. */
const NO_ANSWER_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'REQUEST_SEND_ERROR']);

/**
 * True when storage did not answer (no status: refused, reset, timed out, aborted by the try
 * timeout) or answered that it cannot serve (5xx: busy, internal error, timed out server-side).
 * Follows `cause` a few links, so an error wrapped by the app is recognised too.
 */
export function isStorageUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; typeof current === 'object' && current !== null && depth < 5; depth++) {
    const status = toStorageStatus(current);
    if (status !== undefined && status >= 500) return true;
    const name = 'name' in current ? current.name : undefined;
    const code = 'code' in current ? current.code : undefined;
    if (name === 'RestError' && status === undefined) return true;
    if (name === 'AbortError' || (typeof code === 'string' && NO_ANSWER_CODES.has(code))) return true;
    current = 'cause' in current ? current.cause : undefined;
  }
  return false;
}
