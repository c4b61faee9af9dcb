import { isTerminal, type Job } from '../../model/Job';
import type { JobStore, StoredJob } from '../../storage/JobStore';
import { isConflict } from '../../storage/storageErrors';
import { recordJobEnded } from '../../telemetry/recordJobEnded';

/** The two calls the writer makes: a point read and an ETag-conditional replace. */
export type JobRows = Pick<JobStore, 'get' | 'replace'>;

/** How a conditional write ended. */
export type JobWrite<Stop = never> =
  | { readonly kind: 'written'; readonly stored: StoredJob }
  /** The change left the job as it was: nothing was written. */
  | { readonly kind: 'unchanged'; readonly stored: StoredJob }
  /** There is no such job (or it was deleted during a lost race). */
  | { readonly kind: 'missing' }
  /** After a lost race, `decide` saw the fresh row (`stored`) and stopped the write. */
  | { readonly kind: 'stopped'; readonly stop: Stop; readonly stored: StoredJob };

/**
 * What to do after a lost race, given the fresh row and the one the write was based on: a Stop
 * ends the write, undefined applies the change again on the fresh row.
 */
export type ConflictDecision<Stop> = (fresh: StoredJob, stale: StoredJob) => Stop | undefined;

/**
 * The one ETag-conditional write of the `jobs` table: applies `change` to the job (read first
 * when only its id is given) and replaces the row only if it still has the ETag it was read with.
 * A lost race (412) re-reads the row, asks `decide` (by default: apply again) and loops. Every
 * state change of a job goes through here; any other storage error is thrown.
 */
export async function writeJob<Stop = never>(
  store: JobRows,
  from: StoredJob | string,
  change: (job: Job) => Job | undefined,
  decide?: ConflictDecision<Stop>,
): Promise<JobWrite<Stop>> {
  let stored = typeof from === 'string' ? await store.get(from) : from;
  for (;;) {
    if (!stored) return { kind: 'missing' };
    const next = change(stored.job);
    if (!next) return { kind: 'unchanged', stored };
    try {
      const written = await store.replace(next, stored.etag);
      // The one write that ends a job (ETag-conditional: it happens once) is where its end is counted.
      if (isTerminal(next.status) && !isTerminal(stored.job.status)) recordJobEnded(written.job);
      return { kind: 'written', stored: written };
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
    const fresh = await store.get(stored.job.id);
    const stop = fresh && decide ? decide(fresh, stored) : undefined;
    if (fresh && stop !== undefined) return { kind: 'stopped', stop, stored: fresh };
    stored = fresh;
  }
}
