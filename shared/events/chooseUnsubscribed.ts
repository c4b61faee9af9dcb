import { groupHooksByUrl } from './groupHooksByUrl';
import type { StoredHook } from '../storage/HookStore';

/**
 * Pure: which of the subscriptions an unsubscribe found it removes.
 * - Found under more than one callback URL (by headers): ambiguous, none. One trigger has one
 *   callback URL; headers that name several belong to more than one trigger (or to a URL whose
 *   access keys were rotated), and removing a live trigger's subscription would lose its events.
 * - Several of one URL: all but the newest. NOTE: when a workflow is saved the platform subscribes
 *   anew and unsubscribes the old trigger in an order it does not document (connectors-native-webhook:
 *   the trigger subscribes when the workflow is saved, unsubscribes when it changes), and both calls carry the same URL and workflow headers: if the
 *   new subscribe came first, the old unsubscribe must not take it along.
 * What is spared wrongly (a leftover of a retried subscribe, at a genuine removal) is not lost silently:
 * its URL answers 404/410 once the trigger is gone, which removes it, or keeps failing until
 * LONGRUN_HOOK_DISABLE_AFTER_HOURS disables it.
 */
export function chooseUnsubscribed(found: readonly StoredHook[]): StoredHook[] {
  const byUrl = groupHooksByUrl(found);
  if (byUrl.length !== 1) return [];
  const [group = []] = byUrl;
  return group.length > 1 ? group.slice(0, -1) : group;
}
