import { waitScaled, type EngineOptions } from './EngineOptions';
import type { EngineAuthentication } from './EngineRequest';
import { parseRetryAfter } from './parseRetryAfter';
import { readResponseBody } from './readResponseBody';
import { EngineConnectionError, sendWithRetries } from './sendWithRetries';

/** One check of the trigger, as its trigger history shows it. `status` 0: no answer. */
export interface TriggerPoll {
  readonly url: string;
  readonly status: number;
  readonly retryAfter: number | undefined;
  readonly state: 'Fired' | 'Skipped' | 'Failed';
  /** The failing answer's body (problem+json) when `state` is Failed. */
  readonly failure?: unknown;
}

/** How the simulation stopped: enough items fired, or the deadline passed. A real trigger never stops. */
export interface PollingTriggerRun {
  readonly stoppedBy: 'fires' | 'deadline';
  /** Items that fired, in order: one per 200, or one per array element with `splitOn`. */
  readonly fired: unknown[];
  readonly polls: TriggerPoll[];
}

export interface PollingTriggerOptions extends EngineOptions {
  /** The trigger's own URL, for the first call (no triggerState) and whenever an answer has no Location. */
  readonly url: string;
  /** The trigger's custom headers (a function key): sent on calls to its own URL only. */
  readonly headers?: Record<string, string>;
  /** The trigger's `authentication`: sent on calls to its own URL, and to Locations in Logic Apps only. */
  readonly authentication?: EngineAuthentication;
  /** Stop once this many items fired. */
  readonly maxFires: number;
  /** Stop when the next check would start after this many ms (real time). Default 60 s. */
  readonly deadlineMs?: number;
  /** Debatch an array answer into one firing per element (`splitOn: @triggerBody()`). Default false. */
  readonly splitOn?: boolean;
  /** The trigger's recurrence interval. Default 60 s (scaled). */
  readonly recurrenceMs?: number;
  /** Called after each check, for tests that act between checks (publish an event after the first call). */
  readonly onPoll?: (poll: TriggerPoll) => void | Promise<void>;
}

/**
 * The HTTP polling trigger as Logic Apps runs it.
 * NOTE: logic-apps-workflow-actions-triggers (HTTP trigger, "Requirements for incoming requests" and
 * "Example behaviors"): only 200 starts a run; Location is "the URL to call at the next polling
 * interval. If not specified, the original URL is used"; 200 without Retry-After: check again after
 * the recurrence; 200 with Retry-After: after Retry-After (0 when more is waiting: at once); 202:
 * "If the defined recurrence is less than [Retry-After], the retry-after header takes precedence.
 * Otherwise, the defined recurrence is used" (the longer of the two); 400 and 500: the retry policy,
 * then "the trigger checks again for data after the defined recurrence": the trigger goes on, the
 * failure stays in its history. Which URL that next check uses is not stated: the same one here.
 * NOTE: the docs say nothing of headers on Location calls. As for the asynchronous action
 * (runAsyncAction.ts), custom headers are not replayed and only Logic Apps replays `authentication`
 * (MicrosoftDocs/architecture-center#4307): a Location must authorise itself.
 */
export async function runPollingTrigger(options: PollingTriggerOptions): Promise<PollingTriggerRun> {
  const deadline = Date.now() + (options.deadlineMs ?? 60_000);
  const recurrenceMs = options.recurrenceMs ?? 60_000;
  const fired: unknown[] = [];
  const polls: TriggerPoll[] = [];
  let url = options.url;
  for (;;) {
    const own = url === options.url;
    const authentication = options.authentication && (own || options.flavour !== 'powerAutomate') ? { authentication: options.authentication } : {};
    const headers = own && options.headers ? { headers: options.headers } : {};
    let response: Response | undefined;
    try {
      response = await sendWithRetries({ method: 'GET', url, ...headers, ...authentication }, options);
    } catch (error) {
      if (!(error instanceof EngineConnectionError)) throw error;
    }
    const status = response?.status ?? 0;
    const retryAfter = response ? parseRetryAfter(response.headers.get('retry-after')) : undefined;
    const body = response ? await readResponseBody(response) : undefined;
    const succeeded = status >= 200 && status < 300;
    const poll: TriggerPoll = { url, status, retryAfter, state: status === 200 ? 'Fired' : succeeded ? 'Skipped' : 'Failed', ...(succeeded ? {} : { failure: body }) };
    polls.push(poll);
    if (status === 200) fired.push(...(options.splitOn && Array.isArray(body) ? (body as unknown[]) : [body]));
    await options.onPoll?.(poll);
    if (fired.length >= options.maxFires) return { stoppedBy: 'fires', fired, polls };
    if (succeeded) {
      const location = response?.headers.get('location');
      if (location && !/^https?:\/\//.test(location)) throw new Error(`Location must be absolute, got ${location}`);
      url = location ?? options.url;
    }
    const waitMs = status === 200 ? (retryAfter !== undefined ? retryAfter * 1000 : recurrenceMs) : succeeded ? Math.max(recurrenceMs, (retryAfter ?? 0) * 1000) : recurrenceMs;
    if (Date.now() + waitMs * (options.timeScale ?? 1) > deadline) return { stoppedBy: 'deadline', fired, polls };
    await waitScaled(waitMs, options);
  }
}
