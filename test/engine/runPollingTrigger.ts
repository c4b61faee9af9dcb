import { readResponseBody } from './readResponseBody';
import { parseRetryAfter } from './retryPolicy';
import { sendWithRetries, type EngineOptions } from './sendWithRetries';

/** One poll the engine made, as its trigger history would show it. */
export interface TriggerPoll {
  readonly url: string;
  readonly status: number;
  readonly retryAfter: number | undefined;
}

/** How the trigger run ended: enough items fired, the deadline passed, or a poll failed. */
export interface PollingTriggerRun {
  readonly stoppedBy: 'fires' | 'deadline' | 'failed';
  /** Items that fired, in order: one per 200, or one per array element with `splitOn`. */
  readonly fired: unknown[];
  readonly polls: TriggerPoll[];
  /** The failing poll's body (problem+json) when `stoppedBy` is `failed`. */
  readonly failure?: unknown;
}

export interface PollingTriggerOptions extends EngineOptions {
  /** The trigger's URL for the first call (no triggerState), with any `batch` and `code`. */
  readonly url: string;
  /** Sent on the first call only: later calls go to the Location as given (it must authorise itself). */
  readonly headers?: Record<string, string>;
  /** Stop once this many items fired. */
  readonly maxFires: number;
  /** Stop when the next poll would start after this many ms (real time). Default 60 s. */
  readonly deadlineMs?: number;
  /** Debatch an array answer into one firing per element (`splitOn: @triggerBody()`). Default false. */
  readonly splitOn?: boolean;
  /** The recurrence interval, when an answer has no Retry-After. Default 60 s (scaled). */
  readonly recurrenceMs?: number;
  /** Called after each poll, for tests that act between polls (publish an event after the first call). */
  readonly onPoll?: (poll: TriggerPoll) => void | Promise<void>;
}

/**
 * A polling trigger as Logic Apps runs it: the first call has no triggerState; every answer's
 * Location is the next call's URL, after its Retry-After (scaled by timeScale). Only a 200 fires;
 * its body is one item, or with `splitOn` each element of an array. A 202 fires nothing. Any other
 * answer (after the retry policy) fails the trigger and ends the run.
 */
export async function runPollingTrigger(options: PollingTriggerOptions): Promise<PollingTriggerRun> {
  const scale = options.timeScale ?? 1;
  const deadline = Date.now() + (options.deadlineMs ?? 60_000);
  const fired: unknown[] = [];
  const polls: TriggerPoll[] = [];
  let url = options.url;
  let headers = options.headers;
  for (;;) {
    const response = await sendWithRetries({ method: 'GET', url, ...(headers ? { headers } : {}) }, options);
    headers = undefined;
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    const poll: TriggerPoll = { url, status: response.status, retryAfter };
    polls.push(poll);
    const body = await readResponseBody(response);
    if (response.status !== 200 && response.status !== 202) return { stoppedBy: 'failed', fired, polls, failure: body };
    if (response.status === 200) {
      if (options.splitOn && Array.isArray(body)) fired.push(...(body as unknown[]));
      else fired.push(body);
    }
    await options.onPoll?.(poll);
    if (fired.length >= options.maxFires) return { stoppedBy: 'fires', fired, polls };
    const location = response.headers.get('location');
    if (location) {
      if (!/^https?:\/\//.test(location)) throw new Error(`Location must be absolute, got ${location}`);
      url = location;
    }
    const waitMs = retryAfter !== undefined ? retryAfter * 1000 * scale : (options.recurrenceMs ?? 60_000) * scale;
    if (Date.now() + waitMs > deadline) return { stoppedBy: 'deadline', fired, polls };
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
}
