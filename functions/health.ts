import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { getLongrunStorage } from '../shared/app/getLongrun';
import { checkStorageHealth } from '../shared/storage/checkStorageHealth';
import { readOperationalHealth } from '../shared/app/readOperationalHealth';
import { Problem } from '../shared/model/errors';
import { toProblemResponse } from '../shared/http/toProblemResponse';
import { logEvent } from '../shared/telemetry/logEvent';

/**
 * GET /api/health: 200 with table and work queue state, dead letters and disabled hooks of the last
 * hour and the age of the oldest waiting job message, while storage answers; 503 problem+json otherwise.
 */
export async function health(_request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  try {
    const storage = await checkStorageHealth(getLongrunStorage);
    const operations = await readOperationalHealth(await getLongrunStorage());
    return { status: 200, jsonBody: { status: 'healthy', ...storage, ...operations } };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    logEvent('warn', 'health.storageUnavailable', { error: reason.slice(0, 200) }, context);
    return toProblemResponse(new Problem(503, 'Storage does not answer.', { headers: { 'Retry-After': '10' } }));
  }
}

app.http('health', { methods: ['GET'], route: 'health', authLevel: 'anonymous', handler: health });
