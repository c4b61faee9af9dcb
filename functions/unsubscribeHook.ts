import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { z } from 'zod';
import { readTopic } from '../shared/http/readRouteTargets';
import { forgetHookCount } from '../shared/events/hookCount';
import { getHookStore } from '../shared/events/getHookStore';
import { toHookId } from '../shared/events/subscribeHook';
import { readJsonBody } from '../shared/http/readJsonBody';
import { parseOrProblem } from '../shared/http/toValidationProblem';
import { withProblems } from '../shared/http/withProblems';

const unsubscribeBody = z.object({ callbackUrl: z.string().max(4096) });

/**
 * POST /api/hooks/{topic}/unsubscribe {callbackUrl}: for the Logic Apps HttpWebhook *trigger*,
 * whose unsubscribe call names the callback URL rather than the subscribe's Location. Always 200.
 */
export async function unsubscribeHookHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const topic = readTopic(request);
  const body = parseOrProblem(unsubscribeBody, await readJsonBody(request, 64 * 1024), 'unsubscribe request');
  const deleted = await (await getHookStore()).delete(topic.name, toHookId(topic.name, body.callbackUrl));
  forgetHookCount(topic.name);
  return { status: 200, jsonBody: { unsubscribed: deleted } };
}

app.http('unsubscribeHook', { methods: ['POST'], route: 'hooks/{topic}/unsubscribe', authLevel: 'function', handler: withProblems(unsubscribeHookHandler) });
