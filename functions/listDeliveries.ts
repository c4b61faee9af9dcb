import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { getLongrun, getLongrunConfig } from '../shared/app/getLongrun';
import { managementRoute } from '../shared/app/managementRoute';
import { listDeliveries } from '../shared/delivery/listDeliveries';
import { readDeliveryQuery } from '../shared/http/readDeliveryQuery';
import { readPageQuery } from '../shared/http/readPageQuery';
import { toDeliveryView } from '../shared/http/toDeliveryView';
import { toNextLink } from '../shared/http/toNextLink';
import { toPublicBaseUrl } from '../shared/http/toPublicBaseUrl';

/**
 * GET /api/manage/deliveries?state=&from=&to=&topic=&hookId=&jobId=&top=&skiptoken= (a management
 * route): the deliveries that entered a state in a time range, newest first, each with its attempts.
 */
export async function listDeliveriesHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const base = toPublicBaseUrl(request, getLongrunConfig());
  const query = readDeliveryQuery(request);
  const page = readPageQuery(request);
  const longrun = await getLongrun();
  const found = await listDeliveries({ log: longrun.deliveryLog, store: longrun.deliveries.store }, query.log, page);
  const nextLink = toNextLink(base, 'manage/deliveries', { ...query.echo, top: page.top }, found.continuation);
  return { status: 200, jsonBody: { value: found.deliveries.map(toDeliveryView), ...(nextLink ? { nextLink } : {}) } };
}

app.http('listDeliveries', { methods: ['GET'], route: 'manage/deliveries', ...managementRoute(listDeliveriesHandler) });
