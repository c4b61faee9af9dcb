import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { getLongrun } from '../shared/app/getLongrun';
import { replayDelivery } from '../shared/delivery/replayDelivery';
import { readDeliveryId } from '../shared/http/readDeliveryId';
import { Problem } from '../shared/model/errors';
import { managementRoute } from '../shared/app/managementRoute';

/**
 * POST /api/deliveries/{id}/replay and its alias POST /api/manage/deliveries/{id}/replay (management
 * routes: function key or Entra token): sends a delivery that did not succeed again; 202 + the delivery.
 */
export async function replayDeliveryHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const id = readDeliveryId(request);
  const delivery = await replayDelivery((await getLongrun()).deliveries, id);
  if (!delivery) throw new Problem(404, 'No delivery with this id.');
  if (delivery.status === 'succeeded') throw new Problem(409, 'This delivery succeeded: there is nothing to replay.');
  return { status: 202, jsonBody: delivery };
}

app.http('replayDelivery', { methods: ['POST'], route: 'deliveries/{id}/replay', ...managementRoute(replayDeliveryHandler) });
app.http('replayManagedDelivery', { methods: ['POST'], route: 'manage/deliveries/{id}/replay', ...managementRoute(replayDeliveryHandler) });
