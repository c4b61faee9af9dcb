import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DeliveryTargets } from '../../../shared/delivery/DeliveryTargets';
import type { ResolvedTarget } from '../../../shared/delivery/runDelivery';
import { registerHookTarget, resolveHookDelivery, type HookTargetDeps } from '../../../shared/events/resolveHookDelivery';
import { registerCallbackTarget, resolveCallbackDelivery, type CallbackTargetStores } from '../../../shared/jobs/resolveCallbackDelivery';
import { newDelivery, type DeliveryTarget } from '../../../shared/model/Delivery';
import type { Event } from '../../../shared/model/Event';
import { toEnvelope, type Job } from '../../../shared/model/Job';
import type { EventStore } from '../../../shared/storage/EventStore';
import type { HookStore, StoredHook } from '../../../shared/storage/HookStore';
import type { JobStore, StoredJob } from '../../../shared/storage/JobStore';
import type { PayloadStore } from '../../../shared/storage/PayloadStore';
import { HookCounts } from '../../../shared/events/HookCounts';
import { verifyStandardWebhook } from '../../support/verifyStandardWebhook';
import { storedOf } from '../events/hookFixtures';

const callback = { kind: 'callback', jobId: 'j1' } as const;
const hook = { kind: 'hook', topic: 'order.created', hookId: 'u', eventId: '1767225600000-abc' } as const;
const ended = (status: 'gone' | 'cancelled'): ResolvedTarget => ({ kind: 'end', status });

describe('DeliveryTargets: how delivery turns a target into a request', () => {
  test('a delivery resolves through the resolver registered for its target kind, with its target and id', async () => {
    const seen: string[] = [];
    const targets = new DeliveryTargets()
      .register('callback', (target, id) => (seen.push(`callback ${target.jobId} ${id}`), Promise.resolve(ended('gone'))))
      .register('hook', (target, id) => (seen.push(`hook ${target.topic}/${target.hookId}/${target.eventId} ${id}`), Promise.resolve(ended('cancelled'))));
    assert.deepEqual(await targets.resolve(newDelivery('cb_j1', callback)), ended('gone'));
    assert.deepEqual(await targets.resolve(newDelivery('ev_1', hook)), ended('cancelled'));
    assert.deepEqual(seen, ['callback j1 cb_j1', `hook order.created/u/${hook.eventId} ev_1`]);
  });

  test('a target kind with no resolver is refused, naming the kind', async () => {
    const targets = new DeliveryTargets().register('callback', () => Promise.resolve(ended('gone')));
    await assert.rejects(targets.resolve(newDelivery('ev_1', hook)), /No resolver is registered for "hook" delivery targets/);
    const unknown = { kind: 'sms', to: '+1' } as unknown as DeliveryTarget;
    await assert.rejects(targets.resolve(newDelivery('x', unknown)), /No resolver is registered for "sms" delivery targets/);
  });

  test('a kind has one resolver: registering it again throws', () => {
    const targets = new DeliveryTargets().register('hook', () => Promise.resolve(ended('gone')));
    assert.throws(() => targets.register('hook', () => Promise.resolve(ended('cancelled'))), /registered already/);
  });
});

describe('the target kinds jobs and events register', () => {
  const job: Job = {
    id: 'j1',
    kind: 'bake',
    status: 'succeeded',
    tokenHashes: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:01:00.000Z',
    completedAt: '2026-01-01T00:01:00.000Z',
    input: { inline: '{}' },
    result: { inline: '{"baked":true}' },
    step: 1,
    cancelRequested: false,
    callback: { url: 'https://example.com/cb?sig=s', urlHash: 'h' },
  };
  const event = { id: hook.eventId, type: 'order.created', timestamp: '2026-01-01T00:00:00.000Z', data: { id: 1 } } as unknown as Event;

  function jobStores(rows: Record<string, Job>): CallbackTargetStores & { reads: string[] } {
    const reads: string[] = [];
    const jobs = {
      get: (id: string): Promise<StoredJob | undefined> => {
        reads.push(id);
        const job = rows[id];
        return Promise.resolve(job ? { job, etag: 'e' } : undefined);
      },
    };
    // Inline results only: the payload store is never asked for a blob.
    return { jobs: jobs as unknown as JobStore, payloads: { text: (p: { inline: string }) => Promise.resolve(p.inline) } as unknown as PayloadStore, reads };
  }

  function hookDeps(subscriptions: StoredHook[], events: Record<string, Event>): HookTargetDeps {
    const hooks = { listByUrl: () => Promise.resolve(subscriptions) } as unknown as HookStore;
    return {
      hooks,
      hookCounts: new HookCounts(() => Promise.resolve(subscriptions.length)),
      events: { get: (_topic: string, id: string) => Promise.resolve(events[id]) } as unknown as EventStore,
      config: { LONGRUN_HOOK_DISABLE_AFTER_HOURS: 72 },
    };
  }

  test('a callback resolves to the job\'s envelope for its callback URL, read by the job id; a job gone ends the delivery gone', async () => {
    const stores = jobStores({ j1: job });
    const targets = new DeliveryTargets();
    registerCallbackTarget(targets, stores);
    const resolved = await targets.resolve(newDelivery('cb_j1', callback));
    assert.equal(resolved.kind, 'send');
    if (resolved.kind !== 'send') return;
    assert.equal(resolved.request.url, job.callback?.url);
    assert.equal(resolved.request.headers['webhook-id'], 'cb_j1');
    assert.deepEqual(JSON.parse(resolved.request.body), JSON.parse(JSON.stringify({ ...toEnvelope(job), result: { baked: true } })));
    assert.deepEqual(stores.reads, ['j1']);
    assert.deepEqual(await targets.resolve(newDelivery('cb_j2', { kind: 'callback', jobId: 'j2' })), ended('gone'));
  });

  test('a hook resolves to the event signed for the live subscriptions of its URL; the event gone ends it gone, no live subscription cancelled', async () => {
    const subscriptions = [storedOf('a', 'u', 1), storedOf('b', 'u', 2)];
    const targets = new DeliveryTargets();
    registerHookTarget(targets, hookDeps(subscriptions, { [event.id]: event }));
    const resolved = await targets.resolve(newDelivery('ev_1', hook));
    assert.equal(resolved.kind, 'send');
    if (resolved.kind !== 'send') return;
    assert.equal(resolved.request.url, subscriptions[0]?.hook.url);
    assert.deepEqual(JSON.parse(resolved.request.body), event);
    for (const { hook: h } of subscriptions) assert.ok(verifyStandardWebhook(h.secret, resolved.request.headers, resolved.request.body));
    assert.deepEqual(await targets.resolve(newDelivery('ev_2', { ...hook, eventId: 'none' })), ended('gone'));
    const none = new DeliveryTargets();
    registerHookTarget(none, hookDeps([], { [event.id]: event }));
    assert.deepEqual(await none.resolve(newDelivery('ev_1', hook)), ended('cancelled'));
  });

  test('an inline first attempt resolves through the same resolvers from what it holds, reading nothing', async () => {
    const stores = jobStores({});
    const inline = await resolveCallbackDelivery(stores, callback, 'cb_j1', job);
    assert.equal(inline.kind === 'send' && inline.request.url, job.callback?.url);
    assert.deepEqual(stores.reads, [], 'the job in hand is not read again');
    const unread = (): never => {
      throw new Error('read');
    };
    const deps: HookTargetDeps = { ...hookDeps([], {}), hooks: { listByUrl: unread } as unknown as HookStore, events: { get: unread } as unknown as EventStore };
    const subscriptions = [storedOf('a', 'u', 1)];
    const hookInline = await resolveHookDelivery(deps, hook, { event, subscriptions });
    assert.equal(hookInline.kind === 'send' && hookInline.request.url, subscriptions[0]?.hook.url);
  });
});
