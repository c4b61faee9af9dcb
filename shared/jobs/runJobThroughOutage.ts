import { isStorageUnavailable } from '../storage/storageErrors';
import type { JobStores } from '../storage/JobStores';
import { runJob, type RunOptions, type RunOutcome } from './runJob';

/** How long an invocation waits for storage to come back before it gives the message back to the host. */
export const OUTAGE_WAIT_MS = 120_000;
/** How often it tries again meanwhile: one read of the job's row per try. */
export const OUTAGE_RETRY_MS = 5000;

/**
 * Runs a job invocation; when storage stops answering mid-run (ARCHITECTURE.md §11), tries again from the
 * job's last checkpoint every 5 s for up to 2 minutes instead of throwing at once. A thrown
 * invocation whose host cannot reach the queue either leaves its message leased for the host's
 * lease (10 minutes in Azure), so a job caught by a short outage would resume only then; this way it
 * resumes within 5 s of storage coming back. Each try re-reads the row (the snapshot is dropped):
 * a step whose write was lost is done again, never twice, because every write is ETag-conditional.
 */
export async function runJobThroughOutage(
  stores: JobStores,
  jobId: string,
  options: RunOptions,
  wait: { readonly maxMs?: number; readonly everyMs?: number } = {},
): Promise<RunOutcome> {
  const deadline = Date.now() + (wait.maxMs ?? OUTAGE_WAIT_MS);
  let tryOptions = options;
  for (;;) {
    try {
      return await runJob(stores, jobId, tryOptions);
    } catch (error) {
      if (!isStorageUnavailable(error) || Date.now() >= deadline) throw error;
      const { snapshot: _dropped, ...rest } = tryOptions;
      tryOptions = rest;
      await new Promise((resolve) => setTimeout(resolve, wait.everyMs ?? OUTAGE_RETRY_MS));
    }
  }
}
