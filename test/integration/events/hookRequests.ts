import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { subscribeHookHandler } from '../../../functions/subscribeHook';
import { deleteHookHandler } from '../../../functions/deleteHook';
import { unsubscribeHookHandler } from '../../../functions/unsubscribeHook';
import { withProblems } from '../../../shared/http/withProblems';

const subscribeHandler = withProblems(subscribeHookHandler);
const deleteHandler = withProblems(deleteHookHandler);
const unsubscribeHandler = withProblems(unsubscribeHookHandler);

/** What a subscribe answered: the subscription's id, secret and DELETE Location. */
export interface Subscribed {
  readonly id: string;
  readonly secret: string;
  readonly location: URL;
}

/** A callback URL of its own for each test. */
export const newCallbackUrl = (): string => `https://example.com/cb/${randomUUID()}?sig=${randomUUID()}`;

/** POST /api/hooks/{topic} in process, with the given workflow headers; asserts the 201. */
export async function subscribe(callbackUrl: string, headers: Record<string, string> = {}, topic = 'order.created'): Promise<Subscribed> {
  const request = new HttpRequest({
    method: 'POST',
    url: `https://longrun.example/api/hooks/${topic}`,
    params: { topic },
    headers: { 'content-type': 'application/json', ...headers },
    body: { string: JSON.stringify({ callbackUrl }) },
  });
  const response = await subscribeHandler(request, new InvocationContext());
  assert.equal(response.status, 201);
  const body = response.jsonBody as { id: string; topic: string; secret: string };
  assert.equal(body.topic, topic);
  return { id: body.id, secret: body.secret, location: new URL((response.headers as Record<string, string>).Location ?? '') };
}

/** DELETE on a subscription's Location in process. */
export async function deleteLocation(location: URL): Promise<HttpResponseInit> {
  const id = location.pathname.split('/').pop() ?? '';
  const request = new HttpRequest({ method: 'DELETE', url: location.toString(), params: { id }, query: Object.fromEntries(location.searchParams) });
  return deleteHandler(request, new InvocationContext());
}

/** POST /api/hooks/{topic}/unsubscribe in process, with exactly the given headers and body. */
export async function unsubscribe(headers: Record<string, string>, body?: string, topic = 'order.created'): Promise<HttpResponseInit> {
  const request = new HttpRequest({
    method: 'POST',
    url: `https://longrun.example/api/hooks/${topic}/unsubscribe`,
    params: { topic },
    headers,
    ...(body !== undefined ? { body: { string: body } } : {}),
  });
  return unsubscribeHandler(request, new InvocationContext());
}

/** Workflow headers as the engine sends them, unique per call unless overridden. */
export function workflowHeaders(overrides: Record<string, string> = {}): Record<string, string> {
  const n = randomUUID();
  return {
    'x-ms-workflow-id': `wf-${n}`,
    'x-ms-workflow-name': `orders-${n}`,
    'x-ms-workflow-run-id': `run-${n}`,
    'x-ms-client-tracking-id': `track-${n}`,
    'x-ms-workflow-operation-name': 'When_an_order_is_created',
    ...overrides,
  };
}
