import type { EngineAuthentication, EngineRequest } from './EngineRequest';

/**
 * The `subscribe` or `unsubscribe` half of an HttpWebhook trigger or action, as the definition
 * states it (logic-apps-workflow-actions-triggers, HTTPWebhook trigger: method, uri, headers, body,
 * authentication). A `body` function plays `@{listCallbackUrl()}` inside the body.
 */
export interface WebhookCall {
  readonly method: string;
  readonly uri: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Undefined: no body at all. A string is sent as it is; anything else as JSON. */
  readonly body?: unknown;
  readonly authentication?: EngineAuthentication;
}

/** The callback URL inside a body: `body: withCallbackUrl((url) => ({ callbackUrl: url }))`. */
export type BodyWithCallbackUrl = { readonly listCallbackUrl: (callbackUrl: string) => unknown };

export function withCallbackUrl(build: (callbackUrl: string) => unknown): BodyWithCallbackUrl {
  return { listCallbackUrl: build };
}

/** The request a call becomes, with the engine's own headers added to the definition's. */
export function toWebhookRequest(call: WebhookCall, callbackUrl: string, engineHeaders: Record<string, string>): EngineRequest {
  const raw = isBodyWithCallbackUrl(call.body) ? call.body.listCallbackUrl(callbackUrl) : call.body;
  const body = raw === undefined ? undefined : typeof raw === 'string' ? raw : JSON.stringify(raw);
  const headers: Record<string, string> = { ...(call.headers ?? {}), ...engineHeaders };
  if (body !== undefined && typeof raw !== 'string' && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['content-type'] = 'application/json';
  }
  return { method: call.method, url: call.uri, headers, ...(body !== undefined ? { body } : {}), ...(call.authentication ? { authentication: call.authentication } : {}) };
}

function isBodyWithCallbackUrl(body: unknown): body is BodyWithCallbackUrl {
  return typeof body === 'object' && body !== null && typeof (body as BodyWithCallbackUrl).listCallbackUrl === 'function';
}
