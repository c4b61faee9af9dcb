import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { getLongrun } from '../shared/app/getLongrun';
import { managementRoute } from '../shared/app/managementRoute';
import { enableHook } from '../shared/events/enableHook';
import { readHookId } from '../shared/http/readHookId';
import { readTopic } from '../shared/http/readRouteTargets';
import { toHookView } from '../shared/http/toHookView';
import { Problem } from '../shared/model/errors';

/** POST /api/manage/hooks/{topic}/{id}/enable (a management route): re-enables a subscription; 200 + the hook, 404 when there is none. */
export async function enableHookHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const topic = readTopic(request);
  const id = readHookId(request);
  const hook = await enableHook(await getLongrun(), topic.name, id);
  if (!hook) throw new Problem(404, 'No hook with this id in this topic.');
  return { status: 200, jsonBody: toHookView(hook) };
}

app.http('enableHook', { methods: ['POST'], route: 'manage/hooks/{topic}/{id}/enable', ...managementRoute(enableHookHandler) });
