import { isTerminal } from '../model/Job';
import type { JobStore, StoredJob } from '../storage/JobStore';

/**
 * Re-reads a job until it is terminal or `seconds` have passed (Prefer: wait). The reads back off
 * from 100 ms to 1 s, so a job that ends quickly answers quickly and a slow one costs ~1 read a second.
 */
export async function waitForJob(store: JobStore, current: StoredJob, seconds: number): Promise<StoredJob> {
  const deadline = Date.now() + seconds * 1000;
  let stored = current;
  let delay = 100;
  while (!isTerminal(stored.job.status) && Date.now() + delay < deadline) {
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 1000);
    stored = (await store.get(stored.job.id)) ?? stored;
  }
  return stored;
}
