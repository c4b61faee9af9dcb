import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { findJobKind } from '../shared/jobs/catalog';
import { toPollAfterSeconds } from '../shared/jobs/toPollAfterSeconds';
import { getLongrun, getLongrunConfig } from '../shared/app/getLongrun';
import { readJobAccess } from '../shared/http/readJobAccess';
import { toJobResponse } from '../shared/http/toJobResponse';
import { toPublicBaseUrl } from '../shared/http/toPublicBaseUrl';
import { withProblems } from '../shared/http/withProblems';

/** GET /api/jobs/{id}?token=: the status URL. One table read; Retry-After follows the job's pace. */
export async function getJobHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const base = toPublicBaseUrl(request, getLongrunConfig());
  const longrun = await getLongrun();
  const { stored, token } = await readJobAccess(request, longrun.jobStores.jobs);
  const kind = findJobKind(stored.job.kind);
  const pollAfterSeconds = kind ? toPollAfterSeconds(stored.job, kind, Date.now()) : 5;
  return toJobResponse(base, stored.job, token, { pollAfterSeconds, payloads: longrun.jobStores.payloads });
}

// NOTE: anonymous on purpose: the status URL authorises itself with the job's token, because Power
// Automate does not send the connection's credentials on follow-up polls (MicrosoftDocs/architecture-center#4307).
app.http('getJob', { methods: ['GET'], route: 'jobs/{id}', authLevel: 'anonymous', handler: withProblems(getJobHandler) });
