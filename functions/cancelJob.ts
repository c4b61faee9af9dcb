import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { cancelJob } from '../shared/jobs/cancelJob';
import { getLongrun, getLongrunConfig } from '../shared/app/getLongrun';
import { readJobAccess } from '../shared/http/readJobAccess';
import { toCancellationResponse } from '../shared/http/toCancellationResponse';
import { toPublicBaseUrl } from '../shared/http/toPublicBaseUrl';
import { withProblems } from '../shared/http/withProblems';

/**
 * DELETE /api/jobs/{id}?token=: cancel. 200 + envelope once the job is terminal (idempotent); while
 * the cancel is pending, 202 + Location = the cancellation URL (not the status URL, which answers
 * 409 once the job is cancelled: a workflow's cancel action follows the Location and must end 2xx).
 */
export async function cancelJobHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const base = toPublicBaseUrl(request, getLongrunConfig()); // before the cancel is written
  const longrun = await getLongrun();
  const { stored, token } = await readJobAccess(request, longrun.jobStores.jobs);
  const { job } = await cancelJob(longrun.jobStores.jobs, stored);
  return toCancellationResponse(base, job, token);
}

app.http('cancelJob', { methods: ['DELETE'], route: 'jobs/{id}', authLevel: 'anonymous', handler: withProblems(cancelJobHandler) });
