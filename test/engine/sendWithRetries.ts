import { DEFAULT_RETRY_POLICY, isRetriableStatus, parseRetryAfter, toRetryDelayMs, type RetryPolicy } from './retryPolicy';

/** One request the engine sends, and what the engine remembers of every attempt. */
export interface EngineRequest {
  readonly method: string;
  readonly url: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

export interface EngineOptions {
  readonly retryPolicy?: RetryPolicy;
  /** Multiplies every wait (retry intervals and Retry-After) so tests run fast. Default 1. */
  readonly timeScale?: number;
  /** Every request made, for assertions. */
  readonly log?: { method: string; url: string; status: number }[];
}

/** Sends a request as the engine does: retries 408/429/5xx per the retry policy. */
export async function sendWithRetries(request: EngineRequest, options: EngineOptions = {}): Promise<Response> {
  const policy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
  const scale = options.timeScale ?? 1;
  for (let retry = 0; ; retry++) {
    const response = await fetch(request.url, {
      method: request.method,
      headers: { 'user-agent': 'azure-logic-apps/1.0 (engine simulator)', ...request.headers },
      ...(request.body !== undefined ? { body: request.body } : {}),
      redirect: 'manual',
    });
    options.log?.push({ method: request.method, url: request.url, status: response.status });
    if (!isRetriableStatus(response.status) || retry >= policy.count) return response;
    const wait = toRetryDelayMs(policy, retry + 1, parseRetryAfter(response.headers.get('retry-after')), scale);
    await response.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
