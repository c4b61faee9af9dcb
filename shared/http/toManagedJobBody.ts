import { toEnvelope, type Job, type JobEnvelope } from '../model/Job';
import { toAbsoluteUrl } from './toAbsoluteUrl';
import { JOB_LIST_PATH } from './toJobListResponse';

/** The management view of one job: the envelope, with its result inline or where to read it. */
export type ManagedJobBody = JobEnvelope & { resultUrl?: string };

/** The management route that answers a job's result (GET), under the public base. */
export function toManagedResultUrl(base: string, id: string): string {
  return toAbsoluteUrl(base, `${JOB_LIST_PATH}/${id}/result`);
}

/**
 * The envelope of `GET /api/manage/jobs/{id}`: a result small enough to live in the row is
 * inline (`result`); one that lives in a blob is not read here, `resultUrl` names the management
 * route that streams it. No token: the caller is a management caller, not the job's poller.
 */
export function toManagedJobBody(base: string, job: Job): ManagedJobBody {
  const envelope = toEnvelope(job);
  if (!job.result) return envelope;
  if ('inline' in job.result) return { ...envelope, result: JSON.parse(job.result.inline) as unknown };
  return { ...envelope, resultUrl: toManagedResultUrl(base, job.id) };
}
