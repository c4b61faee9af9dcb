import type { HttpResponseInit, InvocationContext } from '@azure/functions';
import { Problem, isProblem, toErrorMessage } from '../model/errors';
import { logEvent } from '../telemetry/logEvent';
import { isStorageUnavailable } from '../storage/storageErrors';

/**
 * What a request answers when storage does not answer: 503 with Retry-After, never 500.
 * NOTE: the engines' default retry policy retries 408, 429 and 5xx (logic-apps-exception-handling,
 * "Retry policies"), honouring Retry-After; a 503 says the request may be sent again as it is.
 */
export const STORAGE_UNAVAILABLE_RETRY_AFTER_SECONDS = 10;

export function storageUnavailableProblem(): Problem {
  return new Problem(503, 'Storage does not answer; try again later.', {
    headers: { 'Retry-After': String(STORAGE_UNAVAILABLE_RETRY_AFTER_SECONDS) },
  });
}

/**
 * Maps any thrown value to an `application/problem+json` answer: a storage that does not answer
 * becomes 503 + Retry-After, other unexpected errors a bare 500.
 */
export function toProblemResponse(error: unknown, context?: InvocationContext): HttpResponseInit {
  const problem = isProblem(error) ? error : isStorageUnavailable(error) ? storageUnavailableProblem() : undefined;
  if (problem && !isProblem(error)) logEvent('warn', 'storage.unavailable', { error: toErrorMessage(error).slice(0, 300) }, context);
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
