import type { JobStore, StoredJob } from '../storage/JobStore';
import { nextJob } from './lifecycle/nextJob';
import { writeJob } from './lifecycle/writeJob';

/**
 * The end of a job whose message went to `jobs-poison`: failed with 424 (an unexpected failure), naming the attempts and
 * the last error, so a poll sees the failure instead of waiting forever. `attempts` (the host's
 * maxDequeueCount) is used when the worker could not record its own count. A terminal job is left alone.
 */
export async function failPoisonedJob(store: JobStore, jobId: string, attempts: number): Promise<StoredJob | undefined> {
  const at = new Date().toISOString();
  const written = await writeJob(store, jobId, (job) => nextJob(job, { type: 'poison', attempts }, at));
  return written.kind === 'missing' ? undefined : written.stored;
}
