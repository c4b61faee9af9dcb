import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { getLongrun, getLongrunConfig } from '../shared/app/getLongrun';
import { answerPoll } from '../shared/http/answerPoll';
import { readTopic } from '../shared/http/readRouteTargets';
import { toStartCursor } from '../shared/events/readFeed';
import { readPollQuery } from '../shared/http/readPollQuery';
import { toPublicBaseUrl } from '../shared/http/toPublicBaseUrl';
import { managementRoute } from '../shared/app/managementRoute';

/**
 * GET /api/triggers/{topic}?batch=[&triggerState=]: the polling trigger's first call, a management
 * route (function key, or Entra token). Without triggerState: 202 with the Location of "now".
 */
export async function pollTriggerHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const topic = readTopic(request);
  const base = toPublicBaseUrl(request, getLongrunConfig());
  const longrun = await getLongrun();
  const { cursor, batch } = readPollQuery(request, longrun.triggerStateKeys, topic.name);
  const sized = batch !== undefined ? { batch } : {};
  if (!cursor) return answerPoll(longrun, base, topic, { ...sized, cursor: toStartCursor(Date.now()), first: true });
  return answerPoll(longrun, base, topic, { ...sized, cursor });
}

app.http('pollTrigger', { methods: ['GET'], route: 'triggers/{topic}', ...managementRoute(pollTriggerHandler) });
