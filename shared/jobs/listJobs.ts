import type { JobStatus } from '../model/Job';
import type { JobListContinuation, JobListPage, JobStore } from '../storage/JobStore';
import { toJobIdRange } from './newJobId';

/** Which jobs a management list asks for: a time range of starts ([from, to), ms) and equality filters. */
export interface JobListFilter {
  readonly from: number;
  readonly to: number;
  readonly status?: JobStatus;
  readonly kind?: string;
  readonly clientTrackingId?: string;
  readonly workflowRunId?: string;
}

/**
 * One page of jobs started in [from, to), newest first: the time range is the id range (ids are
 * time-ordered, ARCHITECTURE.md §4), so the page is one query over that range's partitions only,
 * the other filters applied by the table within it. Nothing is written.
 */
export function listJobs(store: Pick<JobStore, 'listPage'>, filter: JobListFilter, top: number, from?: JobListContinuation): Promise<JobListPage> {
  const { first, last } = toJobIdRange(filter.from, filter.to);
  return store.listPage(
    {
      firstId: first,
      lastId: last,
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.kind ? { kind: filter.kind } : {}),
      ...(filter.clientTrackingId ? { clientTrackingId: filter.clientTrackingId } : {}),
      ...(filter.workflowRunId ? { workflowRunId: filter.workflowRunId } : {}),
    },
    top,
    from,
  );
}
