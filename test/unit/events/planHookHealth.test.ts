import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { planHookHealth } from '../../../shared/events/planHookHealth';
import type { DeliveryResult } from '../../../shared/model/DeliveryResult';
import { hookOf } from './hookFixtures';

const failed = (status: number): DeliveryResult => ({ kind: 'failureStatus', status, durationMs: 5 });
const delivered: DeliveryResult = { kind: 'delivered', status: 200, durationMs: 5 };
const HOURS = 72;
const now = new Date('2026-01-10T00:00:00.000Z');

describe('the health of a callback URL, shared by its subscriptions', () => {
  test('404 and 410 remove every subscription of the URL', () => {
    const hooks = [hookOf('a', 'u', 1), hookOf('b', 'u', 2)];
    assert.deepEqual(planHookHealth(hooks, failed(410), HOURS, now), { kind: 'remove' });
    assert.deepEqual(planHookHealth(hooks, failed(404), HOURS, now), { kind: 'remove' });
  });

  test('a first failure starts one streak for all subscriptions of the URL', () => {
    const plan = planHookHealth([hookOf('a', 'u', 1), hookOf('b', 'u', 2)], failed(500), HOURS, now);
    assert.equal(plan.kind, 'update');
    if (plan.kind !== 'update') return;
    assert.deepEqual(plan.hooks.map((h) => [h.id, h.status, h.failingSince]), [
      ['a', 'active', now.toISOString()],
      ['b', 'active', now.toISOString()],
    ]);
  });

  test('a streak counts from the earliest failingSince of the URL and, once long enough, disables them all', () => {
    const start = new Date(now.getTime() - HOURS * 3_600_000).toISOString();
    const later = new Date(now.getTime() - 3_600_000).toISOString();
    const plan = planHookHealth([hookOf('a', 'u', 1, { failingSince: later }), hookOf('b', 'u', 2, { failingSince: start })], { kind: 'timedOut', durationMs: 1 }, HOURS, now);
    assert.equal(plan.kind, 'update');
    if (plan.kind !== 'update') return;
    assert.deepEqual(plan.hooks.map((h) => [h.id, h.status, h.failingSince]), [
      ['a', 'disabled', start],
      ['b', 'disabled', start],
    ]);
  });

  test('a failure within a running streak changes nothing', () => {
    const start = new Date(now.getTime() - 3_600_000).toISOString();
    const plan = planHookHealth([hookOf('a', 'u', 1, { failingSince: start })], failed(503), HOURS, now);
    assert.deepEqual(plan, { kind: 'update', hooks: [] });
  });

  test('a success clears the streak of the subscriptions that have one, and only theirs', () => {
    const plan = planHookHealth([hookOf('a', 'u', 1, { failingSince: '2026-01-09T00:00:00.000Z' }), hookOf('b', 'u', 2)], delivered, HOURS, now);
    assert.equal(plan.kind, 'update');
    if (plan.kind !== 'update') return;
    assert.deepEqual(plan.hooks.map((h) => h.id), ['a']);
    assert.equal(plan.hooks[0]?.failingSince, undefined);
    assert.equal(plan.hooks[0]?.updatedAt, now.toISOString());
  });
});
