import { toErrorMessage } from '../shared/model/errors';
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { getLongrun, getLongrunConfig } from '../shared/app/getLongrun';
import { readJobKind } from '../shared/http/readRouteTargets';
import { startJob } from '../shared/jobs/startJob';
import { waitForJob } from '../shared/jobs/waitForJob';
import { readJsonDocument, type JsonDocument } from '../shared/http/readJsonBody';
import { parseOrProblem } from '../shared/http/toValidationProblem';
import type { JobKind } from '../shared/jobs/defineJob';
import { readIdempotencyKey } from '../shared/http/readIdempotencyKey';
import { parsePreferWait } from '../shared/http/parsePreferWait';
import { toStartResponse } from '../shared/http/toStartResponse';
import { toPublicBaseUrl } from '../shared/http/toPublicBaseUrl';
import { managementRoute } from '../shared/app/managementRoute';
import { readWorkflowHeaders } from '../shared/http/readWorkflowHeaders';
import { logEvent } from '../shared/telemetry/logEvent';
import { readStreamedJobInput } from '../shared/http/readStreamedJobInput';
import { newJobId } from '../shared/jobs/newJobId';

/**
 * POST /api/jobs/{kind}: the asynchronous polling pattern's start (202 + Location + Retry-After).
 * With `Prefer: wait`, a job that ends in time answers as its status URL would, with Location.
 */
export async function startJobHandler(request: HttpRequest, context?: InvocationContext): Promise<HttpResponseInit> {
  const kind = readJobKind(request);
  const config = getLongrunConfig();
  const base = toPublicBaseUrl(request, config); // everything the answer needs from the request, before the first write
  const maxBytes = config.LONGRUN_MAX_BODY_BYTES;
  // A kind with streamed arrays is validated while its body is staged, so after the wiring is built.
  const buffered = kind.streamed.length === 0 ? toValidatedInput(kind, await readJsonDocument(request, maxBytes)) : undefined;
  const idempotencyKey = readIdempotencyKey(request);
  const wait = parsePreferWait(request.headers.get('prefer'));
  const longrun = await getLongrun();
  const stores = longrun.jobStores;
  const workflow = readWorkflowHeaders(request);
  const inputJson = buffered ?? (await readStreamedJobInput(request, kind, { payloads: stores.payloads, jobId: newJobId(), maxBytes }));
  const started = await startJob(stores, { kind, inputJson, workflow, maxBacklog: config.LONGRUN_MAX_BACKLOG, ...(idempotencyKey ? { idempotencyKey } : {}) });
  return toStartResponse(base, { job: started.stored.job, token: started.token }, {
    pollAfterSeconds: kind.pollAfterSeconds,
    payloads: stores.payloads,
    ...(wait ? { settle: async () => (await waitForJob(stores.jobs, started.stored, wait)).job } : {}),
    onError: (error) => logEvent('warn', 'job.answeredWithoutState', { jobId: started.stored.job.id, kind: kind.name, error: toErrorMessage(error) }, context),
  });
}

/** Validates the body (400 with every failing path); keeps only its bytes, which are what is stored. */
function toValidatedInput(kind: JobKind, body: JsonDocument): Buffer {
  parseOrProblem(kind.input, body.value, 'job input');
  return body.bytes;
}

app.http('startJob', { methods: ['POST'], route: 'jobs/{kind}', ...managementRoute(startJobHandler) });
