import type { Hook } from '../model/Hook';
import type { DeliveryResult } from '../model/DeliveryResult';

/** What one delivery attempt means for the subscriptions of its callback URL. */
export type HookHealthPlan =
  | { readonly kind: 'remove' }
  | { readonly kind: 'update'; readonly hooks: readonly Hook[] };

/**
 * Pure: the health of one callback URL after an attempt (ARCHITECTURE.md §6), applied to all its live
 * subscriptions together. 404 or 410 removes them all (the flow or trigger is gone); a failure
 * starts or continues the URL's failing streak (from its earliest `failingSince`), and a streak of
 * `disableAfterHours` disables them; a success ends the streak. Only the changed hooks are returned.
 * NOTE: what a removed flow's callback URL answers (404 or 410) is not documented: both mean gone
 * (neither connectors-native-webhook nor create-triggers-custom-connectors says which).
 */
export function planHookHealth(hooks: readonly Hook[], result: DeliveryResult, disableAfterHours: number, now: Date): HookHealthPlan {
  if (result.kind === 'failureStatus' && (result.status === 404 || result.status === 410)) return { kind: 'remove' };
  const at = now.toISOString();
  if (result.kind === 'delivered') {
    const healed = hooks.filter((hook) => hook.failingSince).map(({ failingSince: _f, ...hook }) => ({ ...hook, updatedAt: at }));
    return { kind: 'update', hooks: healed };
  }
  const starts = hooks.flatMap((hook) => (hook.failingSince ? [Date.parse(hook.failingSince)] : [])).filter(Number.isFinite);
  const since = starts.length > 0 ? new Date(Math.min(...starts)).toISOString() : at;
  const disable = now.getTime() - Date.parse(since) >= disableAfterHours * 3_600_000;
  const changed: Hook[] = [];
  for (const hook of hooks) {
    const status = disable ? 'disabled' : hook.status;
    if (hook.failingSince === since && hook.status === status) continue;
    const disabled = status === 'disabled' && hook.status !== 'disabled' ? { disabledAt: at, disabledReason: `every delivery failed for ${disableAfterHours} hours` } : {};
    changed.push({ ...hook, status, failingSince: since, updatedAt: at, ...disabled });
  }
  return { kind: 'update', hooks: changed };
}
