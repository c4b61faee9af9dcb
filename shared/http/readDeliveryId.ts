import type { HttpRequest } from '@azure/functions';
import { Problem } from '../model/errors';

/** The route's `{id}` as a delivery id (`cb_<job id>` or `ev_<event id>_<URL key>`); 400 when it does not parse. */
export function readDeliveryId(request: Pick<HttpRequest, 'params'>): string {
  const id = request.params.id ?? '';
  if (!/^[\w.-]{1,200}$/.test(id)) throw new Problem(400, 'The delivery id does not parse.', { errors: [{ path: 'id', message: 'expected a delivery id' }] });
  return id;
}
