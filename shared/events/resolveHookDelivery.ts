import type { Config } from '../config';
import type { Event } from '../model/Event';
import type { DeliveryTargets, TargetOfKind } from '../delivery/DeliveryTargets';
import type { ResolvedTarget } from '../delivery/runDelivery';
import type { EventStore } from '../storage/EventStore';
import type { StoredHook } from '../storage/HookStore';
import type { HookDeps } from './HookCounts';
import { toHookRequest } from './toHookRequest';

/** What resolving a hook delivery needs: the feed, the hooks, and when a failing hook is disabled. */
export interface HookTargetDeps extends HookDeps {
  readonly events: EventStore;
  readonly config: Pick<Config, 'LONGRUN_HOOK_DISABLE_AFTER_HOURS'>;
}

/** What the fan-out's first attempt already read: the event, and the live subscriptions of the URL. */
export interface HookTargetInHand {
  readonly event: Event;
  readonly subscriptions: readonly StoredHook[];
}

/**
 * A hook delivery's request. A retry reads the event and the live subscriptions of its callback
 * URL again now (one deleted, disabled or added since the last attempt counts as it is now); the
 * fan-out's first attempt passes what it has just read (`inHand`) and reads nothing. The event gone
 * (retention): the delivery ends gone; no live subscription left: it ends cancelled.
 */
export async function resolveHookDelivery(
  deps: HookTargetDeps,
  target: Omit<TargetOfKind<'hook'>, 'kind'>,
  inHand?: HookTargetInHand,
): Promise<ResolvedTarget> {
  const [subscriptions, event] = inHand
    ? [inHand.subscriptions, inHand.event]
    : await Promise.all([deps.hooks.listByUrl(target.topic, target.hookId), deps.events.get(target.topic, target.eventId)]);
  if (!event) return { kind: 'end', status: 'gone' };
  return toHookRequest(subscriptions, event, deps, deps.config.LONGRUN_HOOK_DISABLE_AFTER_HOURS);
}

/** Registers the `hook` target kind: queued hook deliveries resolve through resolveHookDelivery. */
export function registerHookTarget(targets: DeliveryTargets, deps: HookTargetDeps): void {
  targets.register('hook', (target) => resolveHookDelivery(deps, target));
}
