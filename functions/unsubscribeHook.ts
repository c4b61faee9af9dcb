import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { z } from 'zod';
import { findTopic } from '../shared/events/catalog';
import { getLongrun } from '../shared/app/getLongrun';
import { unsubscribeHooks } from '../shared/events/unsubscribeHooks';
import { readLenientJsonBody } from '../shared/http/readJsonBody';
import { readWorkflowHeaders } from '../shared/http/readWorkflowHeaders';
import { managementRoute } from '../shared/app/managementRoute';

const unsubscribeBody = z.looseObject({ callbackUrl: z.string().min(1).max(4096) });

/**
 * POST /api/hooks/{topic}/unsubscribe: for the Logic Apps HttpWebhook *trigger*, which unsubscribes
 * by calling a URL rather than the subscribe's Location. Always 200 {unsubscribed: <count>}, whatever
 * the body (none, any content type, not JSON) and for an unknown topic.
 * NOTE: the current connectors-native-webhook page says the trigger's unsubscribe body cannot use
 * listCallbackUrl() and that the engine sends workflow headers instead; the older
 * logic-apps-workflow-actions-triggers example ("HTTPWebhook trigger") puts `@{listCallbackUrl()}`
 * in the unsubscribe body. Both are served: a `callbackUrl` in a JSON body, else the headers.
 */
export async function unsubscribeHookHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const topic = findTopic(request.params.topic ?? '');
  if (!topic) return { status: 200, jsonBody: { unsubscribed: 0 } };
  const body = unsubscribeBody.safeParse(await readLenientJsonBody(request, 64 * 1024));
  const unsubscribed = await unsubscribeHooks(await getLongrun(), topic.name, {
    ...(body.success ? { callbackUrl: body.data.callbackUrl } : {}),
    workflow: readWorkflowHeaders(request),
  });
  return { status: 200, jsonBody: { unsubscribed } };
}

app.http('unsubscribeHook', { methods: ['POST'], route: 'hooks/{topic}/unsubscribe', ...managementRoute(unsubscribeHookHandler) });
