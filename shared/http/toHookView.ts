import type { Hook } from '../model/Hook';
import type { WorkflowIdentity } from '../model/WorkflowIdentity';

/** A subscription as the management routes show it: its callback URL without the query (which holds `sig=`), no secret, no token. */
export interface HookView {
  readonly id: string;
  readonly topic: string;
  readonly urlKey: string;
  readonly status: Hook['status'];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly failingSince?: string;
  readonly disabledAt?: string;
  readonly disabledReason?: string;
  readonly callbackUrl: string;
  readonly workflow: WorkflowIdentity;
}

/** Scheme, host and path of a URL: never its query or fragment (a callback URL's `sig=` is a secret). */
export function toUrlWithoutQuery(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '';
  }
}

/** The view of a hook. */
export function toHookView(hook: Hook): HookView {
  return {
    id: hook.id,
    topic: hook.topic,
    urlKey: hook.urlKey,
    status: hook.status,
    createdAt: hook.createdAt,
    updatedAt: hook.updatedAt,
    ...(hook.failingSince ? { failingSince: hook.failingSince } : {}),
    ...(hook.disabledAt ? { disabledAt: hook.disabledAt } : {}),
    ...(hook.disabledReason ? { disabledReason: hook.disabledReason } : {}),
    callbackUrl: toUrlWithoutQuery(hook.url),
    workflow: hook.workflow,
  };
}
