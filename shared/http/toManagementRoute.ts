import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { CallerRejection } from './CallerRejection';
import { toCallerProblem } from './toCallerProblem';
import { withProblems } from './withProblems';
import { logEvent } from '../telemetry/logEvent';

type HttpHandler = (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;

/** Who may call the management routes (LONGRUN_AUTH). */
export type CallerAuth = 'key' | 'entra';

/** What checks a caller's Authorization header in entra mode (EntraTokenVerifier). */
export interface CallerCheck {
  check(authorization: string | null): Promise<CallerRejection | undefined>;
}

/** The registration parts of a management route: spread into `app.http(name, {methods, route, ...})`. */
export interface ManagementRoute {
  readonly authLevel: 'function' | 'anonymous';
  readonly handler: HttpHandler;
}

/**
 * How a management route (one that starts, publishes, subscribes or replays something) is
 * registered. `key`: behind the host's function key, as before. `entra`: anonymous at the host,
 * and the app checks the caller's bearer token before the handler runs; a refused caller gets
 * 401/403 (or 503 when the issuer's keys cannot be fetched) as problem+json, and nothing runs.
 * Capability URLs (status, cancellation, hook DELETE, the polling trigger's /next), /health and
 * /openapi.json are not management routes: they stay anonymous in both modes.
 */
export function toManagementRoute(auth: CallerAuth, getCheck: () => CallerCheck, handler: HttpHandler): ManagementRoute {
  if (auth === 'key') return { authLevel: 'function', handler: withProblems(handler) };
  return {
    authLevel: 'anonymous',
    handler: withProblems(async (request, context) => {
      const rejection = await getCheck().check(request.headers.get('authorization'));
      if (rejection) {
        if (rejection.kind === 'keysUnavailable') logEvent('warn', 'caller.notChecked', { reason: rejection.reason }, context);
        throw toCallerProblem(rejection);
      }
      return handler(request, context);
    }),
  };
}
