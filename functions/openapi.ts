import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { getLongrunConfig } from '../shared/app/getLongrun';
import { getConnectorDefinition } from '../shared/openapi/getConnectorDefinition';
import { toPublicBaseUrl } from '../shared/http/toPublicBaseUrl';
import { withProblems } from '../shared/http/withProblems';

/** GET /api/openapi.json: the Swagger 2.0 connector definition for the host that was called, its security following LONGRUN_AUTH. */
export function openapi(request: HttpRequest): Promise<HttpResponseInit> {
  const config = getLongrunConfig();
  return Promise.resolve({ status: 200, jsonBody: getConnectorDefinition(toPublicBaseUrl(request, config), config.LONGRUN_AUTH) });
}

app.http('openapi', { methods: ['GET'], route: 'openapi.json', authLevel: 'anonymous', handler: withProblems(openapi) });
