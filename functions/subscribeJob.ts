import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { z } from 'zod';
import { getConfig } from '../shared/config';
import { findJobKind } from '../shared/jobs/catalog';
import { startJob } from '../shared/jobs/startJob';
import { toCallbackUrlHash, toSubscriptionJobId } from '../shared/jobs/toSubscriptionJobId';
import { validateCallbackUrl } from '../shared/delivery/validateCallbackUrl';
import { getJobStores } from '../shared/storage/getStores';
import { Problem } from '../shared/http/Problem';
import { readJsonBody } from '../shared/http/readJsonBody';
import { parseOrProblem } from '../shared/http/toValidationProblem';
import { readSubscriber } from '../shared/http/readSubscriber';
import { toJobResponse } from '../shared/http/toJobResponse';
import { withProblems } from '../shared/http/withProblems';

const subscribeBody = z.object({ callbackUrl: z.string(), input: z.unknown() });

/** POST /api/jobs/{kind}/subscribe: the HTTP Webhook action's subscribe; 201 + Location + envelope. */
export async function subscribeJobHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const kind = findJobKind(request.params.kind ?? '');
  if (!kind) throw new Problem(404, `There is no job kind "${request.params.kind ?? ''}".`);
  const config = getConfig();
  const body = parseOrProblem(subscribeBody, await readJsonBody(request, config.LONGRUN_MAX_BODY_BYTES), 'subscribe request');
  const verdict = validateCallbackUrl(body.callbackUrl);
  if (!verdict.ok) throw new Problem(400, verdict.reason, { errors: [{ path: 'callbackUrl', message: verdict.reason }] });
  const input = parseOrProblem(kind.input, body.input, 'job input', ['input']);
  const subscriber = readSubscriber(request);
  const stores = await getJobStores();
  const started = await startJob(stores, {
    kind,
    input,
    jobId: toSubscriptionJobId(kind.name, body.callbackUrl),
    callback: { url: body.callbackUrl, urlHash: toCallbackUrlHash(body.callbackUrl), ...subscriber },
    maxBacklog: config.LONGRUN_MAX_BACKLOG,
  });
  if (subscriber) await stores.idempotency.put(`subscriber:${kind.name}`, `${subscriber.workflowRunId}\n${subscriber.operationName}`, started.stored.job.id);
  const response = await toJobResponse(request, started.stored.job, started.token, {
    pollAfterSeconds: kind.pollAfterSeconds,
    payloads: stores.payloads,
    alwaysLocation: true,
  });
  // NOTE: the subscribe answers 201 whatever the job's state: the result arrives on the callback.
  return { ...response, status: 201 };
}

app.http('subscribeJob', { methods: ['POST'], route: 'jobs/{kind}/subscribe', authLevel: 'function', handler: withProblems(subscribeJobHandler) });
