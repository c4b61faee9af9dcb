import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { getLongrun } from '../shared/app/getLongrun';
import { replayDelivery } from '../shared/delivery/replayDelivery';
import { Problem } from '../shared/model/errors';
import { managementRoute } from '../shared/app/managementRoute';

/** POST /api/deliveries/{id}/replay (a management route: function key or Entra token): sends a dead-lettered delivery again; 202 + the delivery. */
export async function replayDeliveryHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const id = request.params.id ?? '';
  if (!/^[\w.-]{1,200}$/.test(id)) throw new Problem(400, 'The delivery id does not parse.');
  const delivery = await replayDelivery((await getLongrun()).deliveries, id);
  if (!delivery) throw new Problem(404, 'No delivery with this id.');
  if (delivery.status === 'succeeded') throw new Problem(409, 'This delivery succeeded: there is nothing to replay.');
  return { status: 202, jsonBody: delivery };
}

app.http('replayDelivery', { methods: ['POST'], route: 'deliveries/{id}/replay', ...managementRoute(replayDeliveryHandler) });
