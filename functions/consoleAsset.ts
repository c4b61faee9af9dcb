import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { toConsoleResponse } from '../shared/http/toConsoleResponse';
import { withProblems } from '../shared/http/withProblems';

/** GET /api/console/{file}: the console's script and style (a fixed list; anything else is 404), anonymous. */
export function consoleAsset(request: HttpRequest): Promise<HttpResponseInit> {
  const name = request.params.file ?? '';
  return Promise.resolve(toConsoleResponse(name === 'index.html' ? '' : name, { ifNoneMatch: request.headers.get('if-none-match') }));
}

app.http('consoleAsset', { methods: ['GET'], route: 'console/{file}', authLevel: 'anonymous', handler: withProblems(consoleAsset) });
