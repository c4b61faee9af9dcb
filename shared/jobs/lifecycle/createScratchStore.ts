import type { PayloadStore } from '../../storage/PayloadStore';
import { readLines } from '../../storage/readLines';
import type { ScratchStore } from '../defineJob';
import type { JobRun } from './JobRun';

const SCRATCH_NAME = /^[a-z0-9-]{1,64}$/;

/**
 * A run's scratch payloads, under the job's folder (deleted with it): a name carries the step of
 * the checkpoint it comes before and the runner, as the state blobs do, so a superseded runner never
 * overwrites one the saved state points at.
 */
export function createScratchStore(payloads: Pick<PayloadStore, 'put' | 'stream'>, run: JobRun): ScratchStore & { readonly used: boolean } {
  let used = false;
  return {
    put(name, lines) {
      if (!SCRATCH_NAME.test(name)) throw new Error(`Scratch name "${name}" must be 1 to 64 lowercase letters, digits and "-"`);
      used = true;
      return payloads.put(`${scratchPrefix(run.job.id)}${run.job.step + 1}-${run.runnerId}-${name}.jsonl`, lines.join('\n'));
    },
    async *lines(payload) {
      used = true;
      yield* readLines(await payloads.stream(payload));
    },
    /** True once this invocation wrote or read scratch: its job may have scratch blobs to delete at its end. */
    get used() {
      return used;
    },
  };
}

/** Where a job's scratch blobs are (each name then carries step, runner and the kind's name). */
export function scratchPrefix(jobId: string): string {
  return `jobs/${jobId}/scratch-`;
}
