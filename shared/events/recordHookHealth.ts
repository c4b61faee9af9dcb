import type { Hook } from './Hook';
import { forgetHookCount } from './hookCount';
import type { DeliveryResult } from '../delivery/DeliveryResult';
import type { HookStore, StoredHook } from '../storage/HookStore';
import { isConflict, isNotFound } from '../storage/storageErrors';

/**
 * What a delivery attempt means for its hook (DESIGN §6): 410 removes the hook (the flow is gone);
 * a failure starts or continues its failing streak, and a streak of `disableAfterHours` disables
 * it; a success ends the streak. Writes only when something changes; a lost race is left to the next attempt.
 */
export async function recordHookHealth(store: HookStore, stored: StoredHook, result: DeliveryResult, disableAfterHours: number, now = new Date()): Promise<void> {
  const { hook } = stored;
  if (result.kind === 'failureStatus' && result.status === 410) {
    await store.delete(hook.topic, hook.id);
    forgetHookCount(hook.topic);
    return;
  }
  let next: Hook | undefined;
  if (result.kind === 'delivered') {
    if (hook.failingSince) {
      const { failingSince: _f, ...rest } = hook;
      next = rest;
    }
  } else if (!hook.failingSince) {
    next = { ...hook, failingSince: now.toISOString() };
  } else if (now.getTime() - Date.parse(hook.failingSince) >= disableAfterHours * 3_600_000) {
    next = { ...hook, status: 'disabled' };
  }
  if (!next) return;
  try {
    await store.replace({ ...next, updatedAt: now.toISOString() }, stored.etag);
    if (next.status === 'disabled') forgetHookCount(hook.topic);
  } catch (error) {
    if (!isConflict(error) && !isNotFound(error)) throw error;
  }
}
