import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { toProblemResponse } from './toProblemResponse';

/** Wraps an HTTP handler so every thrown Problem (or unexpected error) answers problem+json. */
export function withProblems(
  handler: (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>,
): (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      return toProblemResponse(error, context);
    }
  };
}
