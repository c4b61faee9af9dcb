import { z } from 'zod';
import { NAME_PATTERN } from '../model/NAME_PATTERN';
import { toStreamedArrays, type StreamedArray } from './input/StreamedArray';
import type { StreamedRecords } from './input/StreamedRecords';
import type { StoredPayload } from '../model/Job';
import type { StreamedOutput } from './output/StreamedOutput';

/**
 * Payloads a run keeps for itself between checkpoints (partial results too large for its state),
 * stored with the job and deleted with it. A name is unique to the checkpoint and runner that
 * wrote it, so a superseded run never overwrites what the saved state points at.
 */
export interface ScratchStore {
  /** Stores lines of text (each a JSON value, say) and returns the reference to keep in the state. */
  put(name: string, lines: readonly string[]): Promise<StoredPayload>;
  /** The lines of what {@link put} stored, read as a stream. */
  lines(payload: StoredPayload): AsyncIterable<string>;
}

/** What a running job sees: its saved state, a way to checkpoint, and a cancel signal. */
export interface JobContext<State> {
  /** The job's id. */
  readonly jobId: string;
  /** The state saved by the last checkpoint, or undefined on the first run. */
  readonly state: State | undefined;
  /** Aborts when the job is cancelled (or its invocation must end). */
  readonly signal: AbortSignal;
  /** The streamed arrays of the input, read in passes (see {@link JobKind.streamed}); empty for a kind that streams none. */
  readonly records: StreamedRecords;
  /** Where a run keeps partial results too large for its state (see {@link ScratchStore}). */
  readonly scratch: ScratchStore;
  /**
   * Persists state and progress (0..100), and a short message beside it for the envelope's
   * `message` (at most 200 characters; longer is cut), in one write. Throws when the job was
   * cancelled, and ends the invocation (re-enqueuing the job to continue from this state) when its
   * time slice is used up.
   */
  checkpoint(state: State, progress?: number, message?: string): Promise<void>;
}

/** A kind of long-running job, defined once: every pattern, the connector and the tests follow. */
export interface JobKind<Input = unknown, Output = unknown, State = unknown> {
  /** Lowercase letters, digits, `-` and `.`. */
  readonly name: string;
  /** The connector action's summary (at most 80 characters, no trailing punctuation). */
  readonly summary: string;
  /** Longer description for the connector. Default: the summary. */
  readonly description?: string;
  readonly input: z.ZodType<Input>;
  readonly output: z.ZodType<Output>;
  /** Retry-After while the job is queued or running, in seconds. Default 5. */
  readonly pollAfterSeconds: number;
  /** Past this many seconds since start the job fails with 424 (an unexpected failure). Default 86400. */
  readonly timeoutSeconds: number;
  /**
   * Top-level arrays of the input read record by record: at the start validated, hashed and staged
   * as they arrive; in the worker never held whole: `run` gets the input without them and reads
   * them with `ctx.records.forEach`, a pass over the stored payload each time, so a large input
   * runs in memory that does not grow with it. Declared as `streamedArrays: ['name', …]`; empty
   * for a kind that declares none.
   */
  readonly streamed: readonly StreamedArray[];
  /**
   * Top-level arrays of the output written as they are produced: `run` returns a StreamedOutput
   * (see streamOutput) whose arrays are iterables; each element is checked by its schema and the
   * result is written to its blob as it goes. Declared as `streamedOutputArrays: ['name', …]`.
   */
  readonly streamedOutput: readonly StreamedArray[];
  run(input: Input, ctx: JobContext<State>): Promise<Output | StreamedOutput>;
}

type JobKindSpec<I, O, S> = Omit<JobKind<I, O, S>, 'pollAfterSeconds' | 'timeoutSeconds' | 'streamed' | 'streamedOutput'> &
  Partial<Pick<JobKind<I, O, S>, 'pollAfterSeconds' | 'timeoutSeconds'>> & {
    /** Names of top-level z.array() properties of the input to read record by record. */
    readonly streamedArrays?: readonly string[];
    /** Names of top-level z.array() properties of the output written as they are produced. */
    readonly streamedOutputArrays?: readonly string[];
  };

/** Declares a job kind; checks the name and fills the defaults. */
export function defineJob<I, O, S = unknown>(spec: JobKindSpec<I, O, S>): JobKind<I, O, S> {
  if (!NAME_PATTERN.test(spec.name)) {
    throw new Error(`Job kind name "${spec.name}" must be lowercase letters, digits, "-" and "."`);
  }
  const { streamedArrays = [], streamedOutputArrays = [], ...rest } = spec;
  return {
    pollAfterSeconds: 5,
    timeoutSeconds: 86_400,
    ...rest,
    streamed: toStreamedArrays(spec.input, streamedArrays),
    streamedOutput: toStreamedArrays(spec.output, streamedOutputArrays, 'output'),
  };
}
