import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { cancelJob } from '../shared/jobs/cancelJob';
import { getJobStores } from '../shared/storage/getStores';
import { readJobAccess } from '../shared/http/readJobAccess';
import { toCancellationResponse } from '../shared/http/toJobResponse';
import { withProblems } from '../shared/http/withProblems';

/**
 * DELETE /api/jobs/{id}?token=: cancel. 200 + envelope once the job is terminal (idempotent); while
 * the cancel is pending, 202 + Location = the cancellation URL (not the status URL, which answers
 * 409 once the job is cancelled: a workflow's cancel action follows the Location and must end 2xx).
 */
export async function cancelJobHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const stores = await getJobStores();
  const { stored, token } = await readJobAccess(request, stores.jobs);
  const { job } = await cancelJob(stores.jobs, stored);
  return toCancellationResponse(request, job, token);
}

app.http('cancelJob', { methods: ['DELETE'], route: 'jobs/{id}', authLevel: 'anonymous', handler: withProblems(cancelJobHandler) });
