import type { HttpRequest } from '@azure/functions';
import { z } from 'zod';
import { TERMINAL_STATUSES } from '../model/Job';
import { NAME_PATTERN } from '../model/NAME_PATTERN';
import { MAX_WORKFLOW_HEADER_LENGTH } from '../model/WorkflowIdentity';
import { Problem } from '../model/errors';
import { MAX_JOB_ID_TIME } from '../jobs/newJobId';
import type { JobListFilter } from '../jobs/listJobs';
import type { JobListContinuation } from '../storage/JobStore';
import { readJobListSkipToken } from './jobListSkipToken';
import { parseOrProblem } from './toValidationProblem';

/** Most jobs one page may ask for; the default page. */
export const MAX_JOB_LIST_TOP = 1000;
export const DEFAULT_JOB_LIST_TOP = 100;

/** How far past now a list without `to` reaches: starts stamped by an instance whose clock runs ahead. */
const CLOCK_SKEW_MS = 5 * 60_000;

const instant = z.iso.datetime({ offset: true }).transform((value) => Date.parse(value)).pipe(z.number().int().min(0).max(MAX_JOB_ID_TIME));
// Cut as the headers were cut when they were recorded, so the value a workflow holds finds its jobs.
const workflowValue = z.string().trim().min(1).max(4096).transform((value) => value.slice(0, MAX_WORKFLOW_HEADER_LENGTH));

const listQuery = z.object({
  status: z.enum(['queued', 'running', ...TERMINAL_STATUSES]).optional(),
  kind: z.string().regex(NAME_PATTERN, 'not a job kind name').optional(),
  from: instant.optional(),
  to: instant.optional(),
  clientTrackingId: workflowValue.optional(),
  workflowRunId: workflowValue.optional(),
  top: z.string().regex(/^\d{1,4}$/, 'an integer from 1 to 1000').transform(Number).pipe(z.number().int().min(1).max(MAX_JOB_LIST_TOP)).optional(),
  skiptoken: z.string().optional(),
});

/** A parsed `GET /api/manage/jobs` query, the time range resolved (a nextLink carries it explicitly). */
export interface JobListRequest {
  readonly filter: JobListFilter;
  readonly top: number;
  readonly continuation?: JobListContinuation;
}

/**
 * Reads the list query (unknown parameters are ignored: the host's `code` may be there): every
 * bad value is a 400 problem naming it. Without `to` the range ends a little past now; without
 * `from` it starts LONGRUN_RETENTION_DAYS ago (nothing older is kept). `from` must be before `to`.
 */
export function readJobListQuery(request: Pick<HttpRequest, 'query'>, retentionDays: number, now: number = Date.now()): JobListRequest {
  const raw = Object.fromEntries([...Object.keys(listQuery.shape)].flatMap((name) => {
    const value = request.query.get(name);
    return value === null ? [] : [[name, value]];
  }));
  const query = parseOrProblem(listQuery, raw, 'job list query');
  const to = query.to ?? Math.min(now + CLOCK_SKEW_MS, MAX_JOB_ID_TIME);
  const from = query.from ?? Math.max(0, now - retentionDays * 86_400_000);
  if (from >= to) throw new Problem(400, 'The time range is empty: from must be before to (from inclusive, to exclusive).');
  const { status, kind, clientTrackingId, workflowRunId } = query;
  return {
    filter: { from, to, ...(status ? { status } : {}), ...(kind ? { kind } : {}), ...(clientTrackingId ? { clientTrackingId } : {}), ...(workflowRunId ? { workflowRunId } : {}) },
    top: query.top ?? DEFAULT_JOB_LIST_TOP,
    ...(query.skiptoken !== undefined ? { continuation: readJobListSkipToken(query.skiptoken) } : {}),
  };
}
