import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DeliveryTargets } from '../../../shared/delivery/DeliveryTargets';
import type { ResolvedTarget } from '../../../shared/delivery/runDelivery';
import { newDelivery, type DeliveryTarget } from '../../../shared/model/Delivery';

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
