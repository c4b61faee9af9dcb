import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { getLongrun, getLongrunConfig } from '../shared/app/getLongrun';
import { managementRoute } from '../shared/app/managementRoute';
import { readPageQuery } from '../shared/http/readPageQuery';
import { readTopic } from '../shared/http/readRouteTargets';
import { toHookView } from '../shared/http/toHookView';
import { toNextLink } from '../shared/http/toNextLink';
import { toPublicBaseUrl } from '../shared/http/toPublicBaseUrl';

/** GET /api/manage/hooks/{topic}?top=&skiptoken= (a management route): a topic's subscriptions with their health. */
export async function listHooksHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const topic = readTopic(request);
  const base = toPublicBaseUrl(request, getLongrunConfig());
  const page = readPageQuery(request);
  const found = await (await getLongrun()).hooks.page(topic.name, page.top, page.continuation);
  const nextLink = toNextLink(base, `manage/hooks/${topic.name}`, { top: page.top }, found.continuation);
  return { status: 200, jsonBody: { value: found.hooks.map((s) => toHookView(s.hook)), ...(nextLink ? { nextLink } : {}) } };
}

app.http('listHooks', { methods: ['GET'], route: 'manage/hooks/{topic}', ...managementRoute(listHooksHandler) });
