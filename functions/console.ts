import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { getLongrunConfig } from '../shared/app/getLongrun';
import { jobKinds } from '../shared/jobs/catalog';
import { topics } from '../shared/events/catalog';
import { toConsoleResponse } from '../shared/http/toConsoleResponse';
import { withProblems } from '../shared/http/withProblems';

/**
 * GET /api/console: the operations console's page, anonymous and holding no data: the data comes
 * from the management routes, which check the caller (ARCHITECTURE.md §9).
 */
export function consolePage(_request: HttpRequest): Promise<HttpResponseInit> {
  const page = { auth: getLongrunConfig().LONGRUN_AUTH, kinds: jobKinds.map((k) => k.name), topics: topics.map((t) => t.name) };
  return Promise.resolve(toConsoleResponse('index.html', { page }));
}

app.http('console', { methods: ['GET'], route: 'console', authLevel: 'anonymous', handler: withProblems(consolePage) });
