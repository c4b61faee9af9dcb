import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { z } from 'zod';
import { readCallbackUrl, readTopic } from '../shared/http/readRouteTargets';
import { getLongrun, getLongrunConfig } from '../shared/app/getLongrun';
import { subscribeHook } from '../shared/events/subscribeHook';
import { MAX_CALLBACK_URL_LENGTH, toCallbackUrlOptions } from '../shared/delivery/validateCallbackUrl';
import { readJsonBody } from '../shared/http/readJsonBody';
import { readWorkflowHeaders } from '../shared/http/readWorkflowHeaders';
import { parseOrProblem } from '../shared/http/toValidationProblem';
import { toAbsoluteUrl } from '../shared/http/toAbsoluteUrl';
import { toPublicBaseUrl } from '../shared/http/toPublicBaseUrl';
import { managementRoute } from '../shared/app/managementRoute';

const subscribeBody = z.object({ callbackUrl: z.string().max(MAX_CALLBACK_URL_LENGTH) });

/**
 * POST /api/hooks/{topic}: webhook trigger subscribe. Every call makes its own subscription:
 * 201 + Location (its own DELETE URL) + {id, topic, secret} (its own signing secret).
 */
export async function subscribeHookHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const topic = readTopic(request);
  const config = getLongrunConfig();
  const base = toPublicBaseUrl(request, config); // everything the answer needs from the request, before the first write
  const body = parseOrProblem(subscribeBody, await readJsonBody(request, 64 * 1024), 'subscribe request');
  const callbackUrl = readCallbackUrl(body.callbackUrl, toCallbackUrlOptions(config));
  const longrun = await getLongrun();
  const { hook, token } = await subscribeHook(longrun, topic.name, callbackUrl, readWorkflowHeaders(request));
  return {
    status: 201,
    // NOTE: the platform sends DELETE to this Location when the trigger or flow goes: it must authorise itself.
    headers: { Location: toAbsoluteUrl(base, `hooks/${hook.id}`, { token }) },
    jsonBody: { id: hook.id, topic: hook.topic, secret: hook.secret },
  };
}

app.http('subscribeHook', { methods: ['POST'], route: 'hooks/{topic}', ...managementRoute(subscribeHookHandler) });
