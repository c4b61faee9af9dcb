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
export function createScratchStore(payloads: Pick<PayloadStore, 'put' | 'stream'>, run: JobRun): ScratchStore {
  return {
    put(name, lines) {
      if (!SCRATCH_NAME.test(name)) throw new Error(`Scratch name "${name}" must be 1 to 64 lowercase letters, digits and "-"`);
      return payloads.put(`jobs/${run.job.id}/scratch-${run.job.step + 1}-${run.runnerId}-${name}.jsonl`, lines.join('\n'));
    },
    async *lines(payload) {
      yield* readLines(await payloads.stream(payload));
    },
  };
}
