import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { z } from 'zod';
import { findTopic } from '../shared/events/catalog';
import { getHookStore } from '../shared/events/getHookStore';
import { subscribeHook } from '../shared/events/subscribeHook';
import { validateCallbackUrl } from '../shared/delivery/validateCallbackUrl';
import { Problem } from '../shared/http/Problem';
import { readJsonBody } from '../shared/http/readJsonBody';
import { parseOrProblem } from '../shared/http/toValidationProblem';
import { toAbsoluteUrl } from '../shared/http/toAbsoluteUrl';
import { withProblems } from '../shared/http/withProblems';

const subscribeBody = z.object({ callbackUrl: z.string() });

/** POST /api/hooks/{topic}: webhook trigger subscribe; 201 + Location (the hook's DELETE URL) + {id, topic, secret}. */
export async function subscribeHookHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const topic = findTopic(request.params.topic ?? '');
  if (!topic) throw new Problem(404, `There is no topic "${request.params.topic ?? ''}".`);
  const body = parseOrProblem(subscribeBody, await readJsonBody(request, 64 * 1024), 'subscribe request');
  const verdict = validateCallbackUrl(body.callbackUrl);
  if (!verdict.ok) throw new Problem(400, verdict.reason, { errors: [{ path: 'callbackUrl', message: verdict.reason }] });
  const { hook, token, created } = await subscribeHook(await getHookStore(), topic.name, body.callbackUrl);
  return {
    status: 201,
    // NOTE: the platform sends DELETE to this Location when the trigger or flow goes: it must authorise itself.
    headers: { Location: toAbsoluteUrl(request, `hooks/${hook.id}`, { token }) },
    // The signing secret is returned once, when the hook is created.
    jsonBody: { id: hook.id, topic: hook.topic, ...(created ? { secret: hook.secret } : {}) },
  };
}

app.http('subscribeHook', { methods: ['POST'], route: 'hooks/{topic}', authLevel: 'function', handler: withProblems(subscribeHookHandler) });
