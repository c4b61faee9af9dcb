import { createHash } from 'node:crypto';
import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { getLongrun, getLongrunConfig } from '../shared/app/getLongrun';
import { managementRoute } from '../shared/app/managementRoute';
import { readJsonBody } from '../shared/http/readJsonBody';
import { toPublicBaseUrl } from '../shared/http/toPublicBaseUrl';
import { toStartResponse } from '../shared/http/toStartResponse';
import { parseOrProblem } from '../shared/http/toValidationProblem';
import { REPLAY_KIND, replayInputSchema } from '../shared/jobs/kinds/replayDeliveries';
import { startJob } from '../shared/jobs/startJob';

/**
 * POST /api/manage/replays {from, to, topic?, hookId?, jobId?} (a management route): replays every
 * dead delivery of the range as a job of its own; 202 + Location (its status URL, with progress).
 * The job's id is derived from the request, so sending it again answers the same job (and replays
 * nothing twice); to replay again later, name another range.
 */
export async function startReplayHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const config = getLongrunConfig();
  const base = toPublicBaseUrl(request, config);
  const input = parseOrProblem(replayInputSchema, await readJsonBody(request, 4096), 'replay request');
  // One canonical form (instants normalised, keys in one order): the same range is the same job.
  const canonical = JSON.stringify({
    from: new Date(input.from).toISOString(),
    to: new Date(input.to).toISOString(),
    topic: input.topic,
    hookId: input.hookId,
    jobId: input.jobId,
  });
  const jobId = createHash('sha256').update(`replay\n${canonical}`).digest('hex').slice(0, 32);
  const longrun = await getLongrun();
  const kind = longrun.internalKinds.find((k) => k.name === REPLAY_KIND);
  if (!kind) throw new Error('the replay job kind is not wired');
  const stores = longrun.jobStores;
  const started = await startJob(stores, { kind, inputJson: canonical, jobId, maxBacklog: config.LONGRUN_MAX_BACKLOG });
  return toStartResponse(base, { job: started.stored.job, token: started.token }, { pollAfterSeconds: kind.pollAfterSeconds, payloads: stores.payloads });
}

app.http('startReplay', { methods: ['POST'], route: 'manage/replays', ...managementRoute(startReplayHandler) });
