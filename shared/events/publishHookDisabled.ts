import type { Event } from '../model/Event';
import type { HookDisabledNotice } from './HookCounts';
import { publishEvent, type PublishDeps } from './publishEvent';
import { hookDisabled } from './topics/hookDisabled';

/**
 * Publishes `hook.disabled` for subscriptions that their URL's health disabled or removed. The
 * Idempotency-Key names the subscriptions and the action (and the streak, for a disable), so a
 * repeated attempt publishes once. No URL: the URL key and the subscription ids name it.
 */
export async function publishHookDisabled(deps: PublishDeps, notice: HookDisabledNotice): Promise<Event> {
  const data = hookDisabled.schema.parse({ ...notice, hookIds: [...notice.hookIds] });
  const key = `${notice.action}:${notice.topic}:${[...notice.hookIds].sort().join(',')}:${notice.failingSince ?? ''}`;
  return (await publishEvent(deps, hookDisabled, data, { idempotencyKey: key, firstStands: true })).event;
}
