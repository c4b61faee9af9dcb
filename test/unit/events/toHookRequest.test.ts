import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingHttpHeaders } from 'node:http';
import { toHookRequest } from '../../../shared/events/toHookRequest';
import type { Event } from '../../../shared/model/Event';
import type { HookDeps } from '../../../shared/events/HookCounts';
import { verifyStandardWebhook } from '../../support/verifyStandardWebhook';
import { storedOf } from './hookFixtures';

const event = { id: '1767225600000-abc', type: 'order.created', timestamp: '2026-01-01T00:00:00.000Z', data: { id: 1 } } as unknown as Event;
const unusedStore = {} as HookDeps;

describe('the request of one event for one callback URL', () => {
  test('carries one signature per live subscription, and each subscription\'s secret verifies it', () => {
    const subscriptions = [storedOf('a', 'u', 1), storedOf('b', 'u', 2)];
    const target = toHookRequest(subscriptions, event, unusedStore, 72);
    assert.equal(target.kind, 'send');
    if (target.kind !== 'send') return;
    const headers: IncomingHttpHeaders = target.request.headers;
    assert.equal(String(headers['webhook-signature']).split(' ').length, 2);
    for (const { hook } of subscriptions) assert.ok(verifyStandardWebhook(hook.secret, headers, target.request.body), hook.id);
    assert.equal(target.request.url, subscriptions[0]?.hook.url);
    assert.equal(headers['webhook-id'], event.id);
  });

  test('a disabled subscription does not sign', () => {
    const disabled = storedOf('off', 'u', 1, { status: 'disabled' });
    const target = toHookRequest([disabled, storedOf('on', 'u', 2)], event, unusedStore, 72);
    assert.equal(target.kind, 'send');
    if (target.kind !== 'send') return;
    assert.equal(String(target.request.headers['webhook-signature']).split(' ').length, 1);
    assert.ok(!verifyStandardWebhook(disabled.hook.secret, target.request.headers, target.request.body));
  });

  test('no live subscription left ends the delivery cancelled', () => {
    assert.deepEqual(toHookRequest([], event, unusedStore, 72), { kind: 'end', status: 'cancelled' });
    assert.deepEqual(toHookRequest([storedOf('off', 'u', 1, { status: 'disabled' })], event, unusedStore, 72), { kind: 'end', status: 'cancelled' });
  });
});
