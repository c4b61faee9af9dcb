import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { topics } from '../shared/events/catalog';
import { deleteHook } from '../shared/events/deleteHook';
import { getLongrun } from '../shared/app/getLongrun';
import { Problem } from '../shared/model/errors';
import { withProblems } from '../shared/http/withProblems';

/** DELETE /api/hooks/{id}?token=: removes a webhook trigger's hook; 200, or 404 when unknown or the token is wrong. */
export async function deleteHookHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const id = request.params.id ?? '';
  if (!/^[0-9a-f]{32}$/.test(id)) throw new Problem(400, 'The hook id does not parse: expected 32 hexadecimal digits.');
  if (!(await deleteHook(await getLongrun(), topics, id, request.query.get('token')))) {
    throw new Problem(404, 'No hook with this id and token.');
  }
  return { status: 200, jsonBody: { id, deleted: true } };
}

// NOTE: anonymous on purpose: the Location authorises itself with the hook's token (ARCHITECTURE.md §6).
app.http('deleteHook', { methods: ['DELETE'], route: 'hooks/{id}', authLevel: 'anonymous', handler: withProblems(deleteHookHandler) });
