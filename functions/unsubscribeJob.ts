import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { z } from 'zod';
import { findJobKind } from '../shared/jobs/catalog';
import { unsubscribeJob } from '../shared/jobs/unsubscribeJob';
import { toSubscriptionJobId } from '../shared/jobs/toSubscriptionJobId';
import { getJobStores } from '../shared/storage/getStores';
import { Problem } from '../shared/http/Problem';
import { readOptionalJsonBody } from '../shared/http/readJsonBody';
import { parseOrProblem } from '../shared/http/toValidationProblem';
import { readSubscriber } from '../shared/http/readSubscriber';
import { withProblems } from '../shared/http/withProblems';

const unsubscribeBody = z.looseObject({ callbackUrl: z.string().max(4096).optional() });

/**
 * POST /api/jobs/{kind}/unsubscribe: finds the job by `callbackUrl` in the body or, without one, by
 * the workflow headers recorded at subscribe; cancels it when still running. Always 200.
 */
export async function unsubscribeJobHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const kind = findJobKind(request.params.kind ?? '');
  if (!kind) throw new Problem(404, `There is no job kind "${request.params.kind ?? ''}".`);
  // NOTE: current documentation says the unsubscribe body cannot use listCallbackUrl(): it may be empty.
  const body = parseOrProblem(unsubscribeBody, (await readOptionalJsonBody(request, 64 * 1024)) ?? {}, 'unsubscribe request');
  const stores = await getJobStores();
  let jobId: string | undefined;
  if (body.callbackUrl) jobId = toSubscriptionJobId(kind.name, body.callbackUrl);
  else {
    const subscriber = readSubscriber(request);
    if (subscriber) jobId = await stores.idempotency.find(`subscriber:${kind.name}`, `${subscriber.workflowRunId}\n${subscriber.operationName}`);
  }
  const outcome = await unsubscribeJob(stores.jobs, jobId);
  return { status: 200, jsonBody: { unsubscribed: outcome } };
}

app.http('unsubscribeJob', { methods: ['POST'], route: 'jobs/{kind}/unsubscribe', authLevel: 'function', handler: withProblems(unsubscribeJobHandler) });
