import type { JobContext, ScratchStore } from '../../../../shared/jobs/defineJob';
import { NO_STREAMED_RECORDS, type StreamedRecords } from '../../../../shared/jobs/input/StreamedRecords';
import { memoryScratch } from '../../../support/memoryScratch';

/** What the fake throws from `checkpoint` to end an invocation, as the runner does at a time slice's end. */
export class InvocationEnded extends Error {
  constructor() {
    super('invocation ended');
    this.name = 'InvocationEnded';
  }
}

/** A recorded checkpoint; the state went through JSON, as it does in storage. */
export interface RecordedCheckpoint<State> {
  readonly state: State;
  readonly progress: number | undefined;
}

/** Options of {@link fakeJobContext}. */
export interface FakeJobContextOptions<State> {
  /** The state a resumed run starts from. Default undefined (first run). */
  readonly state?: State;
  /** Ends the invocation (throws {@link InvocationEnded}) after this many checkpoints. Default never. */
  readonly endAfterCheckpoints?: number;
  /** The streamed arrays of the input. Default none. */
  readonly records?: StreamedRecords;
  /** Where the run keeps its scratch payloads. Default a fresh one in memory. */
  readonly scratch?: ScratchStore;
  /** Runs after each checkpoint is recorded (e.g. to cancel). */
  readonly onCheckpoint?: (count: number) => void;
}

/** A JobContext that records its checkpoints instead of persisting them. */
export function fakeJobContext<State>(options: FakeJobContextOptions<State> = {}) {
  const controller = new AbortController();
  const checkpoints: RecordedCheckpoint<State>[] = [];
  const context: JobContext<State> = {
    jobId: 'job-test',
    state: options.state === undefined ? undefined : (JSON.parse(JSON.stringify(options.state)) as State),
    signal: controller.signal,
    records: options.records ?? NO_STREAMED_RECORDS,
    scratch: options.scratch ?? memoryScratch(),
    checkpoint(state, progress) {
      checkpoints.push({ state: JSON.parse(JSON.stringify(state)) as State, progress });
      options.onCheckpoint?.(checkpoints.length);
      if (checkpoints.length === options.endAfterCheckpoints) return Promise.reject(new InvocationEnded());
      return Promise.resolve();
    },
  };
  return { context, checkpoints, controller };
}
