import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { getLongrun, getLongrunConfig } from '../shared/app/getLongrun';
import { managementRoute } from '../shared/app/managementRoute';
import { readJsonBody } from '../shared/http/readJsonBody';
import { toPublicBaseUrl } from '../shared/http/toPublicBaseUrl';
import { toStartResponse } from '../shared/http/toStartResponse';
import { parseOrProblem } from '../shared/http/toValidationProblem';
import { replayInputSchema } from '../shared/jobs/kinds/replayDeliveries';
import { startReplayJob } from '../shared/jobs/startReplayJob';

/**
 * POST /api/manage/replays {from, to, topic?, hookId?, jobId?} (a management route): replays every
 * dead delivery of the range as a job of its own; 202 + Location (its status URL, with progress).
 * Sending it again answers the same job (startReplayJob); to replay again later, name another range.
 */
export async function startReplayHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const config = getLongrunConfig();
  const base = toPublicBaseUrl(request, config);
  const input = parseOrProblem(replayInputSchema, await readJsonBody(request, 4096), 'replay request');
  const longrun = await getLongrun();
  const stores = longrun.jobStores;
  const { kind, started } = await startReplayJob(stores, longrun.internalKinds, input, config.LONGRUN_MAX_BACKLOG);
  return toStartResponse(base, { job: started.stored.job, token: started.token }, { pollAfterSeconds: kind.pollAfterSeconds, payloads: stores.payloads });
}

app.http('startReplay', { methods: ['POST'], route: 'manage/replays', ...managementRoute(startReplayHandler) });
