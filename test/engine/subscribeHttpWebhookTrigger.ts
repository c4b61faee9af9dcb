import type { EngineOptions } from './EngineOptions';
import { readResponseBody } from './readResponseBody';
import { sendWithRetries } from './sendWithRetries';
import { toWebhookRequest, type WebhookCall } from './WebhookCall';
import { newWorkflowRun, toUnsubscribeHeaders, toWorkflowHeaders, type WorkflowRun } from './WorkflowRun';

/** An HttpWebhook trigger's definition. */
export interface HttpWebhookTriggerDefinition {
  /** The trigger's name, sent as x-ms-workflow-operation-name. */
  readonly name: string;
  /** Its body usually holds `withCallbackUrl(...)`: `@{listCallbackUrl()}`. */
  readonly subscribe: WebhookCall;
  readonly unsubscribe?: WebhookCall;
}

/** A subscription the trigger made when the workflow was saved. */
export interface HttpWebhookTriggerSubscription {
  readonly status: number;
  readonly body: unknown;
  readonly callbackUrl: string;
  /** What the engine sends when the trigger goes; undefined when no unsubscribe is defined. */
  unsubscribe(): Promise<number | undefined>;
}

/**
 * The HttpWebhook trigger: saving (or enabling) the workflow sends subscribe with the trigger's
 * callback URL; removing or disabling it sends unsubscribe, which carries the engine's two
 * identifying headers and the unsubscribe's own headers, and a body only if the definition has one.
 * NOTE: connectors-native-webhook: "When you save a logic app that starts with a webhook trigger, or
 * when you change your logic app from disabled to enabled, the webhook trigger subscribes"; it
 * "unsubscribes ... if you remove the trigger and save your logic app, or when you change your logic
 * app from enabled to disabled"; Unsubscribe - Body "doesn't support using the listCallbackUrl()
 * function. However, the trigger automatically includes and sends the headers, x-ms-client-tracking-id
 * and x-ms-workflow-operation-name". The older example in logic-apps-workflow-actions-triggers
 * (HTTPWebhook trigger) still puts `@{listCallbackUrl()}` in the unsubscribe body: `withCallbackUrl`.
 */
export async function subscribeHttpWebhookTrigger(
  trigger: HttpWebhookTriggerDefinition,
  callbackUrl: string,
  options: EngineOptions & { workflow?: WorkflowRun } = {},
): Promise<HttpWebhookTriggerSubscription> {
  const workflow = options.workflow ?? newWorkflowRun();
  const response = await sendWithRetries(toWebhookRequest(trigger.subscribe, callbackUrl, toWorkflowHeaders(workflow, trigger.name, 'trigger')), options);
  const body = await readResponseBody(response);
  return {
    status: response.status,
    body,
    callbackUrl,
    async unsubscribe() {
      if (!trigger.unsubscribe) return undefined;
      const answer = await sendWithRetries(toWebhookRequest(trigger.unsubscribe, callbackUrl, toUnsubscribeHeaders(workflow, trigger.name)), options);
      await answer.arrayBuffer();
      return answer.status;
    },
  };
}
