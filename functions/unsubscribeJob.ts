import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { z } from 'zod';
import { findJobKind } from '../shared/jobs/catalog';
import { unsubscribeJob } from '../shared/jobs/unsubscribeJob';
import { getLongrun } from '../shared/app/getLongrun';
import { readLenientJsonBody } from '../shared/http/readJsonBody';
import { readSubscriber } from '../shared/http/readSubscriber';
import { managementRoute } from '../shared/app/managementRoute';

const unsubscribeBody = z.looseObject({ callbackUrl: z.string().min(1).max(4096) });

/**
 * POST /api/jobs/{kind}/unsubscribe: always 200 (ARCHITECTURE.md §3), whatever the body: it may be empty,
 * lack a content type, or not name the callback (current documentation says it cannot use
 * listCallbackUrl()); then the workflow headers recorded at subscribe find the job.
 */
export async function unsubscribeJobHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const kind = findJobKind(request.params.kind ?? '');
  if (!kind) return { status: 200, jsonBody: { unsubscribed: 'unknown' } };
  const body = unsubscribeBody.safeParse(await readLenientJsonBody(request, 64 * 1024));
  const subscriber = readSubscriber(request);
  const outcome = await unsubscribeJob((await getLongrun()).jobStores, kind.name, {
    ...(body.success ? { callbackUrl: body.data.callbackUrl } : {}),
    ...(subscriber ? { subscriber } : {}),
  });
  return { status: 200, jsonBody: { unsubscribed: outcome } };
}

app.http('unsubscribeJob', { methods: ['POST'], route: 'jobs/{kind}/unsubscribe', ...managementRoute(unsubscribeJobHandler) });
