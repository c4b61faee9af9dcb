import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { newWebhookSecret, signWebhook, toWebhookHeaders } from '../../../shared/delivery/signWebhook';

/** A receiver's check written from the Standard Webhooks spec, independent of signWebhook. */
function verify(secret: string, headers: Record<string, string>, body: string): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signed = `${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`;
  const expected = createHmac('sha256', key).update(signed, 'utf8').digest();
  return (headers['webhook-signature'] ?? '').split(' ').some((entry) => {
    const [version, signature] = entry.split(',');
    const given = Buffer.from(signature ?? '', 'base64');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
}

describe('Standard Webhooks signing', () => {
  test('matches the official test vector (standard-webhooks libraries/javascript "sign function works")', () => {
    const signature = signWebhook({
      secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestamp: 1614265330,
      body: '{"test": 2432232314}',
    });
    assert.equal(signature, 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  test('headers from toWebhookHeaders pass an independent verifier', () => {
    const secret = newWebhookSecret();
    const body = JSON.stringify({ id: 'evt_1', topic: 'order.created', data: { total: 12.5, note: 'café' } });
    const headers = toWebhookHeaders({ secret, id: 'evt_1', timestamp: 1700000000, body });
    assert.deepEqual(Object.keys(headers).sort(), ['webhook-id', 'webhook-signature', 'webhook-timestamp']);
    assert.equal(headers['webhook-timestamp'], '1700000000');
    assert.ok(verify(secret, { ...headers }, body));
  });

  test('a changed body, id, timestamp or secret fails verification', () => {
    const secret = newWebhookSecret();
    const headers = { ...toWebhookHeaders({ secret, id: 'msg_1', timestamp: 1700000000, body: '{"a":1}' }) };
    assert.equal(verify(secret, headers, '{"a":2}'), false);
    assert.equal(verify(secret, { ...headers, 'webhook-id': 'msg_2' }, '{"a":1}'), false);
    assert.equal(verify(secret, { ...headers, 'webhook-timestamp': '1700000001' }, '{"a":1}'), false);
    assert.equal(verify(newWebhookSecret(), headers, '{"a":1}'), false);
  });

  test('with several secrets the signature header lists one v1 entry per distinct secret, and each secret verifies', () => {
    const [a, b] = [newWebhookSecret(), newWebhookSecret()];
    const body = '{"a":1}';
    const headers = toWebhookHeaders({ secrets: [a, b, a], id: 'msg_1', timestamp: 1700000000, body });
    const entries = headers['webhook-signature'].split(' ');
    assert.deepEqual(entries, [signWebhook({ secret: a, id: 'msg_1', timestamp: 1700000000, body }), signWebhook({ secret: b, id: 'msg_1', timestamp: 1700000000, body })]);
    assert.ok(verify(a, { ...headers }, body));
    assert.ok(verify(b, { ...headers }, body));
    assert.equal(verify(newWebhookSecret(), { ...headers }, body), false);
    assert.throws(() => toWebhookHeaders({ secrets: [], id: 'm', timestamp: 1, body }), RangeError);
  });

  test('a Buffer body signs the same as its string', () => {
    const message = { secret: newWebhookSecret(), id: 'm', timestamp: 1, body: '{"é":1}' };
    assert.equal(signWebhook({ ...message, body: Buffer.from(message.body) }), signWebhook(message));
  });

  test('a new secret is whsec_ and base64 of 24 random bytes, different every time', () => {
    const a = newWebhookSecret();
    assert.match(a, /^whsec_[A-Za-z0-9+/]{32}$/);
    assert.equal(Buffer.from(a.slice(6), 'base64').length, 24);
    assert.notEqual(a, newWebhookSecret());
  });

  test('refuses a secret that is not base64 and a timestamp that is not whole seconds', () => {
    assert.throws(() => signWebhook({ secret: 'whsec_', id: 'm', timestamp: 1, body: '' }), TypeError);
    assert.throws(() => signWebhook({ secret: 'whsec_not base64!', id: 'm', timestamp: 1, body: '' }), TypeError);
    assert.throws(() => signWebhook({ secret: newWebhookSecret(), id: 'm', timestamp: Date.now() / 1000 + 0.5, body: '' }), RangeError);
  });
});
