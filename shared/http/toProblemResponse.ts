import type { HttpResponseInit, InvocationContext } from '@azure/functions';
import { Problem, isProblem, toErrorMessage } from '../model/errors';
import { logEvent } from '../telemetry/logEvent';

/** Maps any thrown value to an `application/problem+json` answer; unexpected errors become a bare 500. */
export function toProblemResponse(error: unknown, context?: InvocationContext): HttpResponseInit {
  const problem = isProblem(error) ? error : undefined;
  if (!problem) {
    // NOTE: the unexpected error is recorded for operators, never echoed: it may carry internals.
    logEvent('error', 'request.failed', { error: toErrorMessage(error).slice(0, 500) }, context);
  }
  const answer = problem ?? new Problem(500, 'The server could not complete the request.');
  return {
    status: answer.status,
    headers: { 'Content-Type': 'application/problem+json', ...answer.headers },
    jsonBody: answer.toBody(),
  };
}
