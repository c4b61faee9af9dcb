import { toErrorMessage } from '../shared/model/errors';
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { z } from 'zod';
import { getLongrun, getLongrunConfig } from '../shared/app/getLongrun';
import { subscribeWebhookJob } from '../shared/jobs/subscribeWebhookJob';
import { MAX_CALLBACK_URL_LENGTH, toCallbackUrlOptions } from '../shared/delivery/validateCallbackUrl';
import { readJsonBody } from '../shared/http/readJsonBody';
import { parseOrProblem } from '../shared/http/toValidationProblem';
import { readSubscriber } from '../shared/http/readSubscriber';
import { readJobKind, readCallbackUrl } from '../shared/http/readRouteTargets';
import { toStartResponse } from '../shared/http/toStartResponse';
import { toPublicBaseUrl } from '../shared/http/toPublicBaseUrl';
import { managementRoute } from '../shared/app/managementRoute';
import { readWorkflowHeaders } from '../shared/http/readWorkflowHeaders';
import { logEvent } from '../shared/telemetry/logEvent';

const subscribeBody = z.object({ callbackUrl: z.string().max(MAX_CALLBACK_URL_LENGTH), input: z.unknown() });

/** POST /api/jobs/{kind}/subscribe: the HTTP Webhook action's subscribe; 201 + Location + envelope. */
export async function subscribeJobHandler(request: HttpRequest, context?: InvocationContext): Promise<HttpResponseInit> {
  const kind = readJobKind(request);
  const config = getLongrunConfig();
  const base = toPublicBaseUrl(request, config); // everything the answer needs from the request, before the first write
  const body = parseOrProblem(subscribeBody, await readJsonBody(request, config.LONGRUN_MAX_BODY_BYTES), 'subscribe request');
  const callbackUrl = readCallbackUrl(body.callbackUrl, toCallbackUrlOptions(config));
  const input = parseOrProblem(kind.input, body.input, 'job input', ['input']);
  const longrun = await getLongrun();
  const stores = longrun.jobStores;
  const started = await subscribeWebhookJob(stores, {
    kind,
    input,
    callbackUrl,
    subscriber: readSubscriber(request),
    workflow: readWorkflowHeaders(request),
    maxBacklog: config.LONGRUN_MAX_BACKLOG,
  });
  const response = await toStartResponse(base, { job: started.stored.job, token: started.token }, {
    pollAfterSeconds: kind.pollAfterSeconds,
    payloads: stores.payloads,
    onError: (error) => logEvent('warn', 'job.answeredWithoutState', { jobId: started.stored.job.id, kind: kind.name, error: toErrorMessage(error) }, context),
  });
  // NOTE: the subscribe answers 201 whatever the job's state: the result arrives on the callback.
  return { ...response, status: 201 };
}

app.http('subscribeJob', { methods: ['POST'], route: 'jobs/{kind}/subscribe', ...managementRoute(subscribeJobHandler) });
