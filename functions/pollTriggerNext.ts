import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { getLongrun, getLongrunConfig } from '../shared/app/getLongrun';
import { readContinuationQuery } from '../shared/http/readPollQuery';
import { readTopic } from '../shared/http/readRouteTargets';
import { toPublicBaseUrl } from '../shared/http/toPublicBaseUrl';
import { withProblems } from '../shared/http/withProblems';
import { answerPoll, CONTINUATION_ROUTE } from '../shared/http/answerPoll';

/**
 * GET /api/triggers/{topic}/next?triggerState=[&batch=]: every poll after the first, anonymous.
 * The triggerState is the capability (a MAC over topic, batch and cursor): anything else is 404
 * before any feed is read.
 */
export async function pollTriggerNextHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const base = toPublicBaseUrl(request, getLongrunConfig());
  const longrun = await getLongrun();
  const position = readContinuationQuery(request, longrun.triggerStateKeys, request.params.topic ?? '');
  return answerPoll(longrun, base, readTopic(request), position);
}

app.http('pollTriggerNext', { methods: ['GET'], route: CONTINUATION_ROUTE, authLevel: 'anonymous', handler: withProblems(pollTriggerNextHandler) });
