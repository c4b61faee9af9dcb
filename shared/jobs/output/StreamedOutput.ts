/**
 * A result whose large arrays come as they are produced, for a kind that declares
 * `streamedOutputArrays`: the worker checks each element with the kind's own schema and writes the
 * result to its blob as it goes, committed only whole (see writeStreamedOutput). Neither the kind
 * nor the worker holds the arrays, so a result of any size costs the memory of one block.
 */
export class StreamedOutput {
  constructor(
    /** The output without its streamed arrays. */
    readonly rest: Readonly<Record<string, unknown>>,
    /** Each streamed array's elements, in their order in the result. */
    readonly arrays: Readonly<Record<string, AsyncIterable<unknown>>>,
  ) {}
}

/** The streamed arrays of an output `O`, as the elements of each. */
export type StreamedArraysOf<O> = { readonly [K in keyof O]?: O[K] extends readonly (infer E)[] ? AsyncIterable<E> : never };

/** A {@link StreamedOutput} of `O`: the rest of `O` as values, its streamed arrays as iterables. */
export function streamOutput<O>(rest: Partial<O>, arrays: StreamedArraysOf<O>): StreamedOutput {
  return new StreamedOutput(rest, arrays as Record<string, AsyncIterable<unknown>>);
}
