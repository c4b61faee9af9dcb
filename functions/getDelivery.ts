import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { getLongrun } from '../shared/app/getLongrun';
import { managementRoute } from '../shared/app/managementRoute';
import { readDeliveryId } from '../shared/http/readDeliveryId';
import { toDeliveryView } from '../shared/http/toDeliveryView';
import { Problem } from '../shared/model/errors';

/** GET /api/manage/deliveries/{id} (a management route): one delivery with its attempts; 404 when there is none. */
export async function getDeliveryHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const id = readDeliveryId(request);
  const stored = await (await getLongrun()).deliveries.store.get(id);
  if (!stored) throw new Problem(404, 'No delivery with this id.');
  return { status: 200, jsonBody: toDeliveryView(stored.delivery) };
}

app.http('getDelivery', { methods: ['GET'], route: 'manage/deliveries/{id}', ...managementRoute(getDeliveryHandler) });
