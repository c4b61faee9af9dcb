/**
 * An action's `authentication` setting (logic-apps-securing-a-logic-app, "Add authentication to
 * outbound calls"). Only the rule of when the engine sends it is sourced (see runAsyncAction); the
 * header it becomes is the conventional one: `Authorization` with the raw value, Basic credentials,
 * or the bearer token the managed identity obtains for `audience` (a stand-in token here).
 */
export type EngineAuthentication =
  | { readonly type: 'Raw'; readonly value: string }
  | { readonly type: 'Basic'; readonly username: string; readonly password: string }
  | { readonly type: 'ManagedServiceIdentity'; readonly audience: string; readonly token: string };

/** One request as a workflow definition states it: custom `headers` and an optional `authentication`. */
export interface EngineRequest {
  readonly method: string;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly authentication?: EngineAuthentication;
}

/** The header an `authentication` setting adds to a request. */
export function toAuthorizationHeader(authentication: EngineAuthentication): Record<string, string> {
  switch (authentication.type) {
    case 'Raw':
      return { authorization: authentication.value };
    case 'Basic':
      return { authorization: `Basic ${Buffer.from(`${authentication.username}:${authentication.password}`).toString('base64')}` };
    case 'ManagedServiceIdentity':
      return { authorization: `Bearer ${authentication.token}` };
  }
}
