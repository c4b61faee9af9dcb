import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { getConfig } from '../shared/config';
import { readTopic } from '../shared/http/readRouteTargets';
import { toTriggerState, type Cursor } from '../shared/events/Cursor';
import { getEventStore } from '../shared/events/getEventStore';
import { POLL_INTERVAL_SECONDS, readFeed, toStartCursor } from '../shared/events/readFeed';
import { readPollQuery } from '../shared/http/readPollQuery';
import { toAbsoluteUrl, toRetryAfter } from '../shared/http/toAbsoluteUrl';
import { withProblems } from '../shared/http/withProblems';

/** GET /api/triggers/{topic}?triggerState=&batch=: the polling trigger (DESIGN §3). */
export async function pollTriggerHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const topic = readTopic(request);
  const { cursor, batch } = readPollQuery(request);
  const now = Date.now();
  // NOTE: the next poll's URL keeps `code` (the function key, when the caller sent it in the query):
  // the engine calls the Location as given, and Power Automate adds no credentials to it
  // (MicrosoftDocs/architecture-center#4307).
  const next = (at: Cursor): string =>
    toAbsoluteUrl(request, `triggers/${topic.name}`, {
      triggerState: toTriggerState(at),
      batch: batch === undefined ? undefined : String(batch),
      code: request.query.get('code') ?? undefined,
    });
  const waiting = (at: Cursor): HttpResponseInit => ({
    status: 202,
    headers: { Location: next(at), 'Retry-After': toRetryAfter(POLL_INTERVAL_SECONDS) },
  });
  if (!cursor) return waiting(toStartCursor(now));
  const store = await getEventStore();
  const page = await readFeed(store, topic.name, cursor, { take: batch ?? 1, now, settleMs: getConfig().LONGRUN_FEED_SETTLE_MS });
  if (page.events.length === 0) return waiting(cursor);
  return {
    status: 200,
    headers: { Location: next(page.next), 'Retry-After': toRetryAfter(page.more ? 0 : POLL_INTERVAL_SECONDS) },
    jsonBody: batch === undefined ? page.events[0] : page.events,
  };
}

app.http('pollTrigger', { methods: ['GET'], route: 'triggers/{topic}', authLevel: 'function', handler: withProblems(pollTriggerHandler) });
