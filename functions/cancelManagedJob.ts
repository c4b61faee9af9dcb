import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { getLongrun, getLongrunConfig } from '../shared/app/getLongrun';
import { managementRoute } from '../shared/app/managementRoute';
import { cancelJob } from '../shared/jobs/cancelJob';
import { readManagedJob } from '../shared/http/readManagedJob';
import { toManagedCancelResponse } from '../shared/http/toManagedCancelResponse';
import { toPublicBaseUrl } from '../shared/http/toPublicBaseUrl';

/**
 * POST /api/manage/jobs/{id}/cancel: the token cancel's semantics without the token (for the
 * console): a queued job ends cancelled at once, a running one is asked to stop at its next
 * checkpoint, a finished one is left as it is. 200 + envelope once terminal, else 202.
 */
export async function cancelManagedJobHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const base = toPublicBaseUrl(request, getLongrunConfig()); // before the cancel is written
  const longrun = await getLongrun();
  const stored = await readManagedJob(request, longrun.jobStores.jobs);
  const { job } = await cancelJob(longrun.jobStores.jobs, stored);
  return toManagedCancelResponse(base, job);
}

app.http('cancelManagedJob', { methods: ['POST'], route: 'manage/jobs/{id}/cancel', ...managementRoute(cancelManagedJobHandler) });
