import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { getLongrun } from '../shared/app/getLongrun';
import { managementRoute } from '../shared/app/managementRoute';
import { readLatestEvents } from '../shared/events/readLatestEvents';
import { readPageQuery } from '../shared/http/readPageQuery';
import { readTopic } from '../shared/http/readRouteTargets';
import { Problem } from '../shared/model/errors';

/** GET /api/manage/events/{topic}?top= (a management route): the latest events of a topic, newest first (top 1..1000, default 100). */
export async function listEventsHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const topic = readTopic(request);
  const page = readPageQuery(request);
  if (page.continuation !== undefined) throw new Problem(400, 'This list has one page: ask for more with top.', { errors: [{ path: 'skiptoken', message: 'not supported here' }] });
  const longrun = await getLongrun();
  const now = Date.now();
  const since = now - longrun.config.LONGRUN_RETENTION_DAYS * 86_400_000;
  const events = await readLatestEvents(longrun.events, topic.name, { top: page.top, now, since });
  return { status: 200, jsonBody: { value: events.map((e) => ({ id: e.id, topic: e.type, publishedAt: e.timestamp, data: e.data })) } };
}

app.http('listEvents', { methods: ['GET'], route: 'manage/events/{topic}', ...managementRoute(listEventsHandler) });
