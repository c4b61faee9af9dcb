import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { loadSettings } from '../config';
import { toManagementRoute, type ManagementRoute } from '../http/toManagementRoute';
import { getCallerCheck } from './getLongrun';

/**
 * The registration of a management route under LONGRUN_AUTH, read while the app loads: an invalid
 * setting throws here and stops the app at start, naming the setting. `key`: authLevel function;
 * `entra`: anonymous, the app checking the bearer token (ARCHITECTURE.md §3).
 */
export function managementRoute(
  handler: (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>,
): ManagementRoute {
  return toManagementRoute(loadSettings(process.env).LONGRUN_AUTH, getCallerCheck, handler);
}
