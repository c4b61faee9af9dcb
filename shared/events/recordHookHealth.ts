import type { HookDeps } from './HookCounts';
import { planHookHealth } from './planHookHealth';
import type { DeliveryResult } from '../model/DeliveryResult';
import type { StoredHook } from '../storage/HookStore';
import { isConflict, isNotFound } from '../storage/storageErrors';
import { recordHookHealthChange } from '../telemetry/recordHookHealthChange';

/**
 * Records what a delivery attempt to one callback URL means for the subscriptions it was signed for
 * (see planHookHealth). Gone: every subscription of the URL, disabled ones too, is removed (read
 * afresh; one already gone is skipped). Otherwise each changed subscription is replaced if it is
 * unchanged since it was read; a lost race is left to the next attempt. Subscriptions this call
 * disabled or removed are told to `onHookDisabled` (the `hook.disabled` event).
 */
export async function recordHookHealth(
  { hooks: store, hookCounts, onHookDisabled }: HookDeps,
  subscriptions: readonly StoredHook[],
  result: DeliveryResult,
  disableAfterHours: number,
  now = new Date(),
): Promise<void> {
  const [first] = subscriptions;
  if (!first) return;
  const { topic, urlKey } = first.hook;
  const plan = planHookHealth(subscriptions.map((s) => s.hook), result, disableAfterHours, now);
  const at = now.toISOString();
  if (plan.kind === 'remove') {
    const removed: string[] = [];
    for (const { hook } of await store.listByUrl(topic, urlKey)) if (await store.delete(topic, hook.id)) removed.push(hook.id);
    hookCounts.forget(topic);
    const status = result.kind === 'failureStatus' ? result.status : undefined;
    const reason = `the callback URL answered ${status ?? 'gone'}: the workflow or trigger no longer exists`;
    if (removed.length > 0) await onHookDisabled?.({ topic, hookIds: removed, urlKey, action: 'removed', reason, ...(status ? { status } : {}), at });
    recordHookHealthChange(topic, removed, 'gone');
    return;
  }
  const changed = new Map(plan.hooks.map((hook) => [hook.id, hook]));
  const disabled: string[] = [];
  for (const { hook, etag } of subscriptions) {
    const next = changed.get(hook.id);
    if (!next) continue;
    try {
      await store.replace(next, etag);
      if (next.status === 'disabled' && hook.status !== 'disabled') disabled.push(hook.id);
    } catch (error) {
      if (!isConflict(error) && !isNotFound(error)) throw error;
    }
  }
  recordHookHealthChange(topic, disabled, 'failing', plan.hooks.find((hook) => hook.status === 'disabled')?.failingSince);
  if (plan.hooks.some((hook) => hook.status === 'disabled')) hookCounts.forget(topic);
  const [sample] = plan.hooks.filter((hook) => disabled.includes(hook.id));
  if (sample) {
    const reason = sample.disabledReason ?? `every delivery failed for ${disableAfterHours} hours`;
    await onHookDisabled?.({ topic, hookIds: disabled, urlKey, action: 'disabled', reason, ...(sample.failingSince ? { failingSince: sample.failingSince } : {}), at });
  }
}
