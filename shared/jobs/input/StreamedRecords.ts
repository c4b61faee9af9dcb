/**
 * The streamed arrays of a job's input as the worker hands them to its kind: never held whole,
 * read in passes from the stored payload, as many times as the kind needs.
 */
export interface StreamedRecords {
  /** Bytes of the stored input (UTF-8 JSON): what one pass reads. Zero when the kind streams nothing. */
  readonly bytes: number;
  /**
   * Reads the stored input once, from its start, and hands each element of each streamed array to
   * `visit`, parsed by the array's element schema, in document order, with its index in its array.
   * The event loop gets a turn every few milliseconds.
   */
  forEach(visit: (array: string, record: unknown, index: number) => void): Promise<void>;
}

/** The records of a kind that streams no array: nothing to read. */
export const NO_STREAMED_RECORDS: StreamedRecords = { bytes: 0, forEach: () => Promise.resolve() };
