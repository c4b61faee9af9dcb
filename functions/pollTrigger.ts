import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { getLongrun, type Longrun } from '../shared/app/getLongrun';
import { readTopic } from '../shared/http/readRouteTargets';
import { toTriggerState, type Cursor } from '../shared/events/Cursor';
import type { Topic } from '../shared/events/defineTopic';
import { POLL_INTERVAL_SECONDS, readFeed, toStartCursor } from '../shared/events/readFeed';
import { readPollQuery, type PollQuery } from '../shared/http/readPollQuery';
import { toAbsoluteUrl, toPublicBaseUrl, toRetryAfter } from '../shared/http/toAbsoluteUrl';
import { withProblems } from '../shared/http/withProblems';

/** Route of every Location a polling trigger answers: anonymous, its triggerState is the capability. */
export const CONTINUATION_ROUTE = 'triggers/{topic}/next';

/** Where one poll starts; `first` is the trigger's first call (the cursor of "now", nothing to read). */
export interface PollPosition extends PollQuery {
  readonly cursor: Cursor;
  readonly first?: boolean;
}

/**
 * Answers one poll (DESIGN §3): 202 while nothing new has settled, 200 with the event (or the
 * array, with `batch`) otherwise; each answer's Location continues after what it returned.
 */
export async function answerPoll(
  longrun: Pick<Longrun, 'config' | 'events' | 'triggerStateKey'>,
  request: HttpRequest,
  topic: Topic,
  position: PollPosition,
): Promise<HttpResponseInit> {
  const { cursor, batch } = position;
  const base = toPublicBaseUrl(request, longrun.config.LONGRUN_PUBLIC_BASE_URL);
  const scope = { topic: topic.name, ...(batch !== undefined ? { batch } : {}) };
  // NOTE: the next poll goes to Location as given, and Power Automate sends no credentials with it
  // (MicrosoftDocs/architecture-center#4307; create-polling-trigger keeps the state in the URL):
  // the Location is the anonymous continuation route and carries no function key.
  const next = (at: Cursor): string =>
    toAbsoluteUrl(base, CONTINUATION_ROUTE.replace('{topic}', topic.name), {
      triggerState: toTriggerState(longrun.triggerStateKey, scope, at),
      batch: batch === undefined ? undefined : String(batch),
    });
  const waiting = (at: Cursor): HttpResponseInit => ({
    status: 202,
    headers: { Location: next(at), 'Retry-After': toRetryAfter(POLL_INTERVAL_SECONDS) },
  });
  if (position.first) return waiting(cursor);
  const now = Date.now();
  const page = await readFeed(longrun.events, topic.name, cursor, { take: batch ?? 1, now, settleMs: longrun.config.LONGRUN_FEED_SETTLE_MS });
  if (page.events.length === 0) return waiting(cursor);
  return {
    status: 200,
    headers: { Location: next(page.next), 'Retry-After': toRetryAfter(page.more ? 0 : POLL_INTERVAL_SECONDS) },
    jsonBody: batch === undefined ? page.events[0] : page.events,
  };
}

/**
 * GET /api/triggers/{topic}?batch=[&triggerState=]: the polling trigger's first call, behind the
 * function key. Without triggerState: 202 with the Location of "now".
 */
export async function pollTriggerHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const topic = readTopic(request);
  const longrun = await getLongrun();
  const { cursor, batch } = readPollQuery(request, longrun.triggerStateKey, topic.name);
  const sized = batch !== undefined ? { batch } : {};
  if (!cursor) return answerPoll(longrun, request, topic, { ...sized, cursor: toStartCursor(Date.now()), first: true });
  return answerPoll(longrun, request, topic, { ...sized, cursor });
}

app.http('pollTrigger', { methods: ['GET'], route: 'triggers/{topic}', authLevel: 'function', handler: withProblems(pollTriggerHandler) });
