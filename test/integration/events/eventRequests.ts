import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { odata } from '@azure/data-tables';
import { publishEventHandler } from '../../../functions/publishEvent';
import { pollTriggerHandler } from '../../../functions/pollTrigger';
import { pollTriggerNextHandler } from '../../../functions/pollTriggerNext';
import { withProblems } from '../../../shared/http/withProblems';
import { getLongrun } from '../../../shared/app/getLongrun';
import { TABLES } from '../../../shared/storage/names';
import { isEventId } from '../../../shared/events/eventId';
import { toFeedPartitions } from '../../../shared/storage/feedShards';

const publishHandler = withProblems(publishEventHandler);
const pollHandler = withProblems(pollTriggerHandler);
const pollNextHandler = withProblems(pollTriggerNextHandler);

/** An order.created data object the topic's schema accepts. */
export function order(id: number): Record<string, unknown> {
  return { id, order_key: `wc_order_${id}`, status: 'processing', currency: 'EUR', date_created: '2024-06-10T10:00:00', total: '29.35' };
}

/** POST /api/events/{topic} in process. */
export async function publish(topic: string, body: unknown, headers: Record<string, string> = {}): Promise<HttpResponseInit> {
  const request = new HttpRequest({
    method: 'POST',
    url: `http://localhost:7071/api/events/${topic}`,
    params: { topic },
    headers: { 'content-type': 'application/json', ...headers },
    body: { string: typeof body === 'string' ? body : JSON.stringify(body) },
  });
  return await publishHandler(request, new InvocationContext());
}

/**
 * GET on a polling trigger URL in process, routed as the host would: `/api/triggers/{topic}` (the
 * first call) or `/api/triggers/{topic}/next` (a Location).
 */
export async function poll(url: string, headers: Record<string, string> = {}): Promise<HttpResponseInit> {
  const match = /^\/api\/triggers\/([^/]+)(\/next)?$/.exec(new URL(url).pathname);
  if (!match) throw new Error(`not a polling trigger URL: ${url}`);
  const request = new HttpRequest({ method: 'GET', url, headers, params: { topic: decodeURIComponent(match[1] ?? '') } });
  return await (match[2] ? pollNextHandler : pollHandler)(request, new InvocationContext());
}

export const header = (response: HttpResponseInit, name: string): string | undefined =>
  (response.headers as Record<string, string> | undefined)?.[name];

/** The event ids of a topic's feed, read directly from every shard of the events table (idempotency markers left out), in id order. */
export async function feedRowKeys(topic: string): Promise<string[]> {
  const table = (await getLongrun()).storage.table(TABLES.events);
  const keys: string[] = [];
  for (const partition of toFeedPartitions(topic)) {
    for await (const entity of table.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${partition}`, select: ['RowKey'] } })) {
      if (isEventId(entity.rowKey ?? '')) keys.push(entity.rowKey ?? '');
    }
  }
  return keys.sort();
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
