import type { CallbackReceiver, ReceivedCall } from './CallbackReceiver';
import type { EngineOptions } from './EngineOptions';
import { sendWithRetries } from './sendWithRetries';
import { toWebhookRequest, type WebhookCall } from './WebhookCall';
import { newWorkflowRun, toUnsubscribeHeaders, toWorkflowHeaders, type WorkflowRun } from './WorkflowRun';

/** An HTTP Webhook action's definition. */
export interface WebhookActionDefinition {
  /** The action's name, sent as x-ms-workflow-operation-name. */
  readonly name: string;
  /** Its body usually holds `withCallbackUrl(...)`: `@{listCallbackUrl()}`. */
  readonly subscribe: WebhookCall;
  /** Current documentation: no callback URL in its body, the engine's headers identify the subscriber. */
  readonly unsubscribe?: WebhookCall;
  /** The action's limit.timeout, real time. Default 60 s. */
  readonly timeoutMs?: number;
}

export interface WebhookActionOptions extends EngineOptions {
  /** Where the callback arrives: a receiver playing listCallbackUrl(). */
  readonly receiver: CallbackReceiver;
  /** The run the action is in. Default: a new run whose client tracking id is its run id. */
  readonly run?: WorkflowRun;
  /** Cancel the run this many ms after subscribe, while waiting. */
  readonly cancelAfterMs?: number;
}

export interface WebhookActionResult {
  /** `Cancelled` when the run was cancelled, or (errorCode ActionTimedOut) when limit.timeout passed. */
  readonly status: 'Succeeded' | 'Failed' | 'Cancelled';
  readonly errorCode?: 'ActionTimedOut';
  readonly subscribeStatus: number;
  readonly callback?: ReceivedCall;
  /** Undefined when no unsubscribe was sent (no unsubscribe defined, or subscribe failed). */
  readonly unsubscribeStatus?: number;
  readonly callbackUrl: string;
  readonly run: WorkflowRun;
}

/**
 * What the engine does for an HTTP Webhook action: subscribe with the callback URL and the workflow
 * headers, wait for the callback, then unsubscribe.
 * NOTE: connectors-native-webhook ("How do webhooks work?"): the action "unsubscribes from the service
 * endpoint in these cases: When the webhook action successfully finishes; If the logic app run is
 * canceled while waiting for a response; Before the logic app times out". The unsubscribe carries
 * x-ms-client-tracking-id and x-ms-workflow-operation-name (WorkflowRun.ts), plus the unsubscribe's
 * own headers and authentication as defined. What follows a failed subscribe is not documented: the
 * action fails, nothing is unsubscribed.
 */
export async function runWebhookAction(action: WebhookActionDefinition, options: WebhookActionOptions): Promise<WebhookActionResult> {
  const run = options.run ?? newWorkflowRun();
  const callbackUrl = options.receiver.newCallbackUrl();
  const subscribe = await sendWithRetries(toWebhookRequest(action.subscribe, callbackUrl, toWorkflowHeaders(run, action.name, 'action')), options);
  await subscribe.arrayBuffer();
  const base = { subscribeStatus: subscribe.status, callbackUrl, run };
  if (!subscribe.ok) return { status: 'Failed', ...base };
  let callback: ReceivedCall | undefined;
  const waitUntil = Date.now() + (options.cancelAfterMs ?? action.timeoutMs ?? 60_000);
  while (!callback && Date.now() < waitUntil) {
    callback = options.receiver.acceptedBy(callbackUrl)[0];
    if (!callback) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const ended = callback
    ? ({ status: 'Succeeded', callback } as const)
    : options.cancelAfterMs !== undefined
      ? ({ status: 'Cancelled' } as const)
      : ({ status: 'Cancelled', errorCode: 'ActionTimedOut' } as const);
  if (!action.unsubscribe) return { ...ended, ...base };
  const unsubscribe = await sendWithRetries(toWebhookRequest(action.unsubscribe, callbackUrl, toUnsubscribeHeaders(run, action.name)), options);
  await unsubscribe.arrayBuffer();
  return { ...ended, ...base, unsubscribeStatus: unsubscribe.status };
}
