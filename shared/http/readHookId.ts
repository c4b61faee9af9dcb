import type { HttpRequest } from '@azure/functions';
import { Problem } from '../model/errors';

/** The route's `{id}` as a subscription id (32 hex digits, or a URL key of an older row); 400 when it does not parse. */
export function readHookId(request: Pick<HttpRequest, 'params'>): string {
  const id = request.params.id ?? '';
  if (!/^[0-9a-f]{32}$/.test(id)) throw new Problem(400, 'The hook id does not parse.', { errors: [{ path: 'id', message: 'expected 32 hexadecimal digits' }] });
  return id;
}
