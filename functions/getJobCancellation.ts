import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { getLongrun, getLongrunConfig } from '../shared/app/getLongrun';
import { readJobAccess } from '../shared/http/readJobAccess';
import { toCancellationResponse } from '../shared/http/toCancellationResponse';
import { toPublicBaseUrl } from '../shared/http/toPublicBaseUrl';
import { withProblems } from '../shared/http/withProblems';

/**
 * GET /api/jobs/{id}/cancellation?token=: where a pending cancel's 202 points. 202 + the same
 * Location + Retry-After while the job is not terminal; 200 + envelope once it is (cancelled, or it
 * had already ended otherwise). Unknown id or wrong token: 404, as on the status URL. One table read.
 */
export async function getJobCancellationHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const base = toPublicBaseUrl(request, getLongrunConfig());
  const longrun = await getLongrun();
  const { stored, token } = await readJobAccess(request, longrun.jobStores.jobs);
  return toCancellationResponse(base, stored.job, token);
}

// NOTE: anonymous on purpose, like the status URL: it authorises itself with the job's token,
// because Power Automate does not send the connection's credentials on follow-up polls
// (MicrosoftDocs/architecture-center#4307).
app.http('getJobCancellation', {
  methods: ['GET'],
  route: 'jobs/{id}/cancellation',
  authLevel: 'anonymous',
  handler: withProblems(getJobCancellationHandler),
});
