import { toDefaultRetryPolicy, waitScaled, type EngineOptions } from './EngineOptions';
import { toAuthorizationHeader, type EngineRequest } from './EngineRequest';
import { parseRetryAfter } from './parseRetryAfter';
import { isRetriableStatus, toRetryIntervalMs } from './retryPolicy';

/** The request got no answer, on its first attempt and every retry (connection refused, reset, timeout). */
export class EngineConnectionError extends Error {
  constructor(readonly request: Pick<EngineRequest, 'method' | 'url'>, cause: unknown) {
    super(`${request.method} ${new URL(request.url).origin}${new URL(request.url).pathname}: no answer after the retry policy`, { cause });
  }
}

/**
 * Sends one request as the engine does: its custom headers, plus the Authorization its
 * `authentication` setting gives, and the retry policy on 408, 429, 5xx and connection failures
 * (retryPolicy.ts). Resolves with the last answer; rejects with EngineConnectionError when no attempt
 * got one.
 * NOTE: connectors-native-http ("Set up interval between retry attempts with the Retry-After
 * header"): "To specify the number of seconds between retry attempts, you can add the Retry-After
 * header ... if the destination endpoint returns the 429 - Too many requests status code": a
 * retriable answer's Retry-After replaces the policy's interval.
 */
export async function sendWithRetries(request: EngineRequest, options: EngineOptions = {}): Promise<Response> {
  const policy = options.retryPolicy ?? toDefaultRetryPolicy(options.flavour);
  const random = options.random ?? Math.random;
  const headers: Record<string, string> = { 'user-agent': 'azure-logic-apps/1.0 (engine simulator)' };
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
  if (request.authentication) Object.assign(headers, toAuthorizationHeader(request.authentication));
  for (let retry = 0; ; retry++) {
    let response: Response | undefined;
    let failure: unknown;
    try {
      response = await fetch(request.url, {
        method: request.method,
        headers,
        ...(request.body !== undefined ? { body: request.body } : {}),
        redirect: 'manual',
        signal: AbortSignal.timeout(options.requestTimeoutMs ?? 120_000),
      });
    } catch (error) {
      failure = error;
    }
    const status = response?.status ?? 0;
    options.log?.push({ method: request.method, url: request.url, status, headers: { ...headers }, at: Date.now() });
    const retriable = isRetriableStatus(status) && policy.type !== 'none' && retry < policy.count;
    if (!retriable) {
      if (response) return response;
      throw new EngineConnectionError(request, failure);
    }
    const retryAfter = response ? parseRetryAfter(response.headers.get('retry-after')) : undefined;
    await response?.arrayBuffer();
    await waitScaled(retryAfter !== undefined ? retryAfter * 1000 : toRetryIntervalMs(policy, retry + 1, random), options);
  }
}
