import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { getLongrun, getLongrunConfig } from '../shared/app/getLongrun';
import { managementRoute } from '../shared/app/managementRoute';
import { readManagedJob } from '../shared/http/readManagedJob';
import { toManagedJobBody } from '../shared/http/toManagedJobBody';
import { toPublicBaseUrl } from '../shared/http/toPublicBaseUrl';

/** GET /api/manage/jobs/{id}: the envelope by id, without the job's token (a management route). One read. */
export async function getManagedJobHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const base = toPublicBaseUrl(request, getLongrunConfig());
  const stored = await readManagedJob(request, (await getLongrun()).jobStores.jobs);
  return { status: 200, jsonBody: toManagedJobBody(base, stored.job) };
}

app.http('getManagedJob', { methods: ['GET'], route: 'manage/jobs/{id}', ...managementRoute(getManagedJobHandler) });
