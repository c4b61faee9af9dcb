import { waitScaled, type EngineOptions } from './EngineOptions';
import type { EngineRequest } from './EngineRequest';
import { parseRetryAfter } from './parseRetryAfter';
import { readResponseBody } from './readResponseBody';
import { sendWithRetries } from './sendWithRetries';

/** How the action ended, as the run history would show it. */
export interface ActionResult {
  /** `Cancelled` with errorCode `ActionTimedOut` when limit.timeout passed while polling. */
  readonly status: 'Succeeded' | 'Failed' | 'Cancelled';
  readonly errorCode?: 'ActionTimedOut';
  readonly code: number;
  readonly body: unknown;
  readonly headers: Headers;
  /** Status codes of the polls, in order. */
  readonly polls: number[];
}

export interface AsyncActionOptions extends EngineOptions {
  /** The action's limit.timeout, in real (unscaled) time. Default 10 minutes: a bound for tests, not the platform's default. */
  readonly timeoutMs?: number;
  /** Poll interval when a 202 has no Retry-After. Default 20 s (scaled). */
  readonly defaultPollMs?: number;
  /** A Standard logic app's workflow kind. Default `stateful` (Consumption workflows are too). */
  readonly workflow?: 'stateful' | 'stateless';
}

/**
 * The HTTP action (any method, DELETE included) with the asynchronous pattern: a 202 with a Location
 * makes the engine GET that Location, waiting Retry-After between polls, until an answer is not 202;
 * that answer is the action's output: 2xx succeeds, anything else fails the action.
 * NOTE: connectors-native-http ("Asynchronous request-response behavior"): stateful workflows follow
 * the pattern "until the receiver stops processing and returns a 200 OK success response or other
 * non-202 response"; "For stateless workflows ... HTTP-based actions don't use the asynchronous
 * operation pattern. Instead, they only run synchronously, return the 202 ACCEPTED response as-is".
 * The Retry-After header "also works with the 202 - Accepted status code" (same page). The interval
 * without Retry-After is not consistently documented: `defaultPollMs`.
 * NOTE: a 202 without Location ends the action with that 202 (logic-apps-create-api-app: the engine
 * polls only a 202 carrying a Location). A later 202's new Location is followed; the documentation
 * is silent on that for actions.
 */
export async function runAsyncAction(request: EngineRequest, options: AsyncActionOptions = {}): Promise<ActionResult> {
  const deadline = Date.now() + (options.timeoutMs ?? 600_000);
  let response = await sendWithRetries(request, options);
  const polls: number[] = [];
  let location = response.headers.get('location');
  while (options.workflow !== 'stateless' && response.status === 202 && location) {
    if (!/^https?:\/\//.test(location)) throw new Error(`Location must be absolute, got ${location}`);
    const waitMs = (parseRetryAfter(response.headers.get('retry-after')) ?? (options.defaultPollMs ?? 20_000) / 1000) * 1000;
    await response.arrayBuffer();
    if (Date.now() + waitMs * (options.timeScale ?? 1) > deadline) {
      return { status: 'Cancelled', errorCode: 'ActionTimedOut', code: 202, body: undefined, headers: response.headers, polls };
    }
    await waitScaled(waitMs, options);
    // NOTE: follow-up polls carry none of the action's custom headers (an `x-functions-key` is not
    // replayed). Logic Apps sends the action's `authentication` again (Azure/logicapps#611, maintainer:
    // "we use the authentication specified on the action on any follow-up calls made on the url
    // returned in the location header"); Power Automate sends nothing (MicrosoftDocs/architecture-center#4307:
    // "Azure Logic Apps passes the token used on the initial 202 call to the status endpoint.
    // PowerAutomate does not"). So the Location must authorise itself. The retry policy applies to
    // polls as to any request (not stated for polls specifically).
    const replayed = options.flavour !== 'powerAutomate' && request.authentication ? { authentication: request.authentication } : {};
    response = await sendWithRetries({ method: 'GET', url: location, ...replayed }, options);
    polls.push(response.status);
    location = response.headers.get('location') ?? location;
  }
  const ok = response.status >= 200 && response.status < 300;
  return { status: ok ? 'Succeeded' : 'Failed', code: response.status, body: await readResponseBody(response), headers: response.headers, polls };
}
