/** Bytes that are not JSON, or an element over the size limit; `offset` is the byte it was found at. */
export class JsonScanError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    /** True when the bytes may be JSON but one element is longer than allowed. */
    readonly tooLong = false,
  ) {
    super(`${message} (at byte ${offset})`);
    this.name = 'JsonScanError';
  }
}
