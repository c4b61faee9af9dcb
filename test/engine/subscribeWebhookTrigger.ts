import type { EngineOptions } from './EngineOptions';
import { readResponseBody } from './readResponseBody';
import { sendWithRetries } from './sendWithRetries';
import { newWorkflowRun, toWorkflowHeaders, type WorkflowRun } from './WorkflowRun';

/** A custom connector's webhook trigger the platform subscribed: the Location it will DELETE, and what subscribe answered. */
export interface WebhookTriggerSubscription {
  readonly status: number;
  readonly location: string | null;
  readonly body: any;
  /** What the platform does when the trigger or flow is removed: DELETE the Location, with no credentials. */
  unsubscribe(): Promise<number>;
}

export interface ConnectorTriggerOptions extends EngineOptions {
  /** The body property the connector marks `x-ms-notification-url: true`. Default `callbackUrl`. */
  readonly notificationUrlField?: string;
  /** The connection's credential (a function key header), sent on subscribe through the connector. */
  readonly headers?: Record<string, string>;
  /** The trigger's other parameters, in the body next to the callback URL. */
  readonly parameters?: Record<string, unknown>;
  readonly workflow?: WorkflowRun;
  /** The trigger's name in the flow. Default `When_an_event_is_published`. */
  readonly name?: string;
}

/**
 * What the platform does for a custom connector's webhook trigger: POST the subscribe operation
 * with its callback URL in the `x-ms-notification-url` field and the workflow headers; keep the
 * 201's Location; DELETE it when the trigger goes. Saving the flow again repeats the subscribe
 * (saveWorkflowAgain.ts).
 * NOTE: Microsoft Learn module create-triggers-custom-connectors ("Webhook trigger"): "The
 * registration occurs when a step in a cloud flow or Logic Apps workflow is created or updated.
 * When the step is removed, the platform un-registers the webhook"; the publisher must put a
 * Location header in its 201 answer, which the platform uses to remove the webhook. Whether that
 * DELETE carries the connection's credentials is not documented: none here, so the Location must
 * authorise itself. The workflow headers on subscribe are as WorkflowRun.ts says.
 */
export async function subscribeWebhookTrigger(subscribeUrl: string, callbackUrl: string, options: ConnectorTriggerOptions = {}): Promise<WebhookTriggerSubscription> {
  const workflow = options.workflow ?? newWorkflowRun();
  const headers = { 'content-type': 'application/json', ...toWorkflowHeaders(workflow, options.name ?? 'When_an_event_is_published', 'trigger'), ...options.headers };
  const body = JSON.stringify({ ...options.parameters, [options.notificationUrlField ?? 'callbackUrl']: callbackUrl });
  const response = await sendWithRetries({ method: 'POST', url: subscribeUrl, headers, body }, options);
  const parsed = await readResponseBody(response);
  const location = response.headers.get('location');
  return {
    status: response.status,
    location,
    body: parsed,
    async unsubscribe() {
      if (!location) throw new Error('subscribe answered no Location: the platform could never remove this hook');
      const answer = await sendWithRetries({ method: 'DELETE', url: location }, options);
      await answer.arrayBuffer();
      return answer.status;
    },
  };
}
