import { readResponseBody } from './readResponseBody';
import { parseRetryAfter } from './retryPolicy';
import { sendWithRetries, type EngineOptions, type EngineRequest } from './sendWithRetries';

/** How the action ended, as the run history would show it. */
export interface ActionResult {
  readonly status: 'Succeeded' | 'Failed' | 'TimedOut';
  readonly code: number;
  readonly body: unknown;
  readonly headers: Headers;
  /** Status codes of the polls, in order. */
  readonly polls: number[];
}

export interface AsyncActionOptions extends EngineOptions {
  /** The action's limit.timeout. Default 10 minutes. */
  readonly timeoutMs?: number;
  /** Poll interval when a 202 has no Retry-After. Default 20 s (scaled). */
  readonly defaultPollMs?: number;
}

/**
 * The HTTP action with the asynchronous pattern: a 202 with a Location makes the engine poll that
 * Location (GET), waiting Retry-After between polls, until an answer is not 202; that answer's
 * body is the action's output; 2xx succeeds, anything else fails the action.
 */
export async function runAsyncAction(request: EngineRequest, options: AsyncActionOptions = {}): Promise<ActionResult> {
  const scale = options.timeScale ?? 1;
  const deadline = Date.now() + (options.timeoutMs ?? 600_000);
  let response = await sendWithRetries(request, options);
  const polls: number[] = [];
  let location = response.headers.get('location');
  while (response.status === 202 && location) {
    if (!/^https?:\/\//.test(location)) throw new Error(`Location must be absolute, got ${location}`);
    const waitMs = (parseRetryAfter(response.headers.get('retry-after')) ?? (options.defaultPollMs ?? 20_000) / 1000) * 1000 * scale;
    await response.arrayBuffer();
    if (Date.now() + waitMs > deadline) return { status: 'TimedOut', code: 202, body: undefined, headers: response.headers, polls };
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    // NOTE: polls carry no credentials, as in Power Automate (MicrosoftDocs/architecture-center#4307):
    // the Location must authorise itself.
    response = await sendWithRetries({ method: 'GET', url: location }, options);
    polls.push(response.status);
    location = response.headers.get('location') ?? location;
  }
  const ok = response.status >= 200 && response.status < 300;
  return { status: ok ? 'Succeeded' : 'Failed', code: response.status, body: await readResponseBody(response), headers: response.headers, polls };
}
