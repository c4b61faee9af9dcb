import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { getLongrun, getLongrunConfig } from '../shared/app/getLongrun';
import { readTopic } from '../shared/http/readRouteTargets';
import { publishEvent } from '../shared/events/publishEvent';
import { Problem } from '../shared/model/errors';
import { readIdempotencyKey } from '../shared/http/readIdempotencyKey';
import { readJsonBody } from '../shared/http/readJsonBody';
import { parseOrProblem } from '../shared/http/toValidationProblem';
import { managementRoute } from '../shared/app/managementRoute';

/**
 * Largest event body read, in bytes (1 MiB): a stored event is at most 60,000 characters of JSON,
 * so a body far above it is refused (413) before it is buffered whole.
 */
const MAX_EVENT_BODY_BYTES = 1_048_576;

/** POST /api/events/{topic}: appends an event to the topic's feed and fans it out; 202 + `{id}`. */
export async function publishEventHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const topic = readTopic(request);
  if (topic.builtIn) throw new Problem(403, `Topic "${topic.name}" is published by Longrun itself.`, { title: 'Forbidden' });
  const maxBytes = Math.min(getLongrunConfig().LONGRUN_MAX_BODY_BYTES, MAX_EVENT_BODY_BYTES);
  const data = parseOrProblem(topic.schema, await readJsonBody(request, maxBytes), 'event data');
  const idempotencyKey = readIdempotencyKey(request);
  const { event } = await publishEvent(await getLongrun(), topic, data, idempotencyKey === undefined ? {} : { idempotencyKey });
  return { status: 202, jsonBody: { id: event.id } };
}

app.http('publishEvent', { methods: ['POST'], route: 'events/{topic}', ...managementRoute(publishEventHandler) });
