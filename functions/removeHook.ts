import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { getLongrun } from '../shared/app/getLongrun';
import { managementRoute } from '../shared/app/managementRoute';
import { readHookId } from '../shared/http/readHookId';
import { readTopic } from '../shared/http/readRouteTargets';
import { Problem } from '../shared/model/errors';

/** DELETE /api/manage/hooks/{topic}/{id} (a management route): removes a subscription; 204, 404 when there is none. */
export async function removeHookHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const topic = readTopic(request);
  const id = readHookId(request);
  const { hooks, hookCounts } = await getLongrun();
  if (!(await hooks.delete(topic.name, id))) throw new Problem(404, 'No hook with this id in this topic.');
  hookCounts.forget(topic.name);
  return { status: 204 };
}

app.http('removeHook', { methods: ['DELETE'], route: 'manage/hooks/{topic}/{id}', ...managementRoute(removeHookHandler) });
