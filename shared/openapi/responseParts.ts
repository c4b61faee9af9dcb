// Response pieces every operation shares: the polling headers and the problem answer.
import type { SwaggerHeader, SwaggerResponse, SwaggerSchema } from './SwaggerDocument';

/** A `$ref` to a schema under `#/definitions`. */
export function definitionRef(name: string): SwaggerSchema {
  return { $ref: `#/definitions/${name}` };
}

/** `Location` and `Retry-After`, as on every 202 of the asynchronous polling pattern. */
export function pollingHeaders(location: string): Record<string, SwaggerHeader> {
  return {
    Location: { type: 'string', description: location, 'x-ms-summary': 'Location' },
    'Retry-After': {
      type: 'integer',
      description: 'Seconds to wait before the next request.',
      'x-ms-summary': 'Retry after',
    },
  };
}

/**
 * The `default` answer: any error, as application/problem+json (RFC 9457).
 * NOTE: without a schema: the certification validator refuses a schema on `default`
 * (certification-submission).
 */
export function problemResponse(): SwaggerResponse {
  return { description: 'The request failed: a problem (application/problem+json) says why.' };
}
