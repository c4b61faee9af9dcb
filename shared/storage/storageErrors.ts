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
