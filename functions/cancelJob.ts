import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { findJobKind } from '../shared/jobs/catalog';
import { cancelJob } from '../shared/jobs/cancelJob';
import { toEnvelope, isTerminal } from '../shared/jobs/Job';
import { getJobStores } from '../shared/storage/getStores';
import { readJobAccess } from '../shared/http/readJobAccess';
import { toJobResponse } from '../shared/http/toJobResponse';
import { withProblems } from '../shared/http/withProblems';

/** DELETE /api/jobs/{id}?token=: cancel; 202 while the cancel is pending, 200 + envelope once terminal. */
export async function cancelJobHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const stores = await getJobStores();
  const { stored, token } = await readJobAccess(request, stores.jobs);
  const { job } = await cancelJob(stores.jobs, stored);
  if (isTerminal(job.status)) return { status: 200, jsonBody: toEnvelope(job) };
  const pollAfterSeconds = Math.min(findJobKind(job.kind)?.pollAfterSeconds ?? 5, 5);
  return toJobResponse(request, job, token, { pollAfterSeconds, payloads: stores.payloads });
}

app.http('cancelJob', { methods: ['DELETE'], route: 'jobs/{id}', authLevel: 'anonymous', handler: withProblems(cancelJobHandler) });
