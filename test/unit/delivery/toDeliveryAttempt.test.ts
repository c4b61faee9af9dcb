import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { toDeliveryAttempt } from '../../../shared/delivery/toDeliveryAttempt';
import { toResponseText } from '../../../shared/delivery/toResponseText';
import { MAX_ATTEMPTS_JSON_CHARS, MAX_RECORDED_ATTEMPTS, toBoundedAttempts, type DeliveryAttempt } from '../../../shared/model/Delivery';

const at = '2026-03-10T10:00:00.000Z';

describe('what an attempt records', () => {
  test('each failure has its error class; a success has none', () => {
    assert.equal(toDeliveryAttempt({ kind: 'delivered', status: 200, durationMs: 5 }, at).errorClass, undefined);
    assert.equal(toDeliveryAttempt({ kind: 'failureStatus', status: 302, durationMs: 5 }, at).errorClass, 'http-3xx');
    assert.equal(toDeliveryAttempt({ kind: 'failureStatus', status: 429, durationMs: 5 }, at).errorClass, 'http-4xx');
    assert.equal(toDeliveryAttempt({ kind: 'failureStatus', status: 503, durationMs: 5 }, at).errorClass, 'http-5xx');
    assert.equal(toDeliveryAttempt({ kind: 'timedOut', durationMs: 10_000 }, at).errorClass, 'timeout');
    assert.equal(toDeliveryAttempt({ kind: 'blocked', reason: 'loopback' }, at).errorClass, 'refused-by-policy');
    assert.equal(toDeliveryAttempt({ kind: 'invalidUrl', reason: 'no' }, at).errorClass, 'invalid-url');
    assert.equal(toDeliveryAttempt({ kind: 'connectFailed', message: 'ECONNREFUSED: connect ECONNREFUSED 10.0.0.1:443' }, at).errorClass, 'connect');
    assert.equal(toDeliveryAttempt({ kind: 'connectFailed', message: 'CERT_HAS_EXPIRED: certificate has expired' }, at).errorClass, 'tls');
    assert.equal(toDeliveryAttempt({ kind: 'connectFailed', message: 'ERR_TLS_CERT_ALTNAME_INVALID: Hostname/IP does not match' }, at).errorClass, 'tls');
  });

  test("the receiver's answer is kept as text: at most 1 KiB, control characters dropped, a sig= value masked", () => {
    assert.equal(toResponseText(Buffer.alloc(0)), undefined);
    assert.equal(toResponseText(Buffer.from('x'.repeat(5000))), 'x'.repeat(1024));
    assert.equal(toResponseText(Buffer.from('a\u0000b\r\nc\u001bd')), 'ab\ncd');
    assert.equal(toResponseText(Buffer.from('{"url":"https://x/invoke?api-version=1&sig=S3cr3t&x=1"}')), '{"url":"https://x/invoke?api-version=1&sig=***&x=1"}');
    assert.equal(toDeliveryAttempt({ kind: 'failureStatus', status: 500, durationMs: 1, response: 'oops' }, at).response, 'oops');
  });

  test('the attempts kept are the last 20, and their JSON stays under the row limit by dropping the oldest answers first', () => {
    const answer = '"'.repeat(1024); // escapes to twice its length in JSON
    const attempts: DeliveryAttempt[] = Array.from({ length: 30 }, (_, n) => ({ at, result: 'failureStatus', status: 500 + (n % 4), response: answer }));
    const kept = toBoundedAttempts(attempts);
    assert.equal(kept.length, MAX_RECORDED_ATTEMPTS);
    assert.equal(kept[kept.length - 1]?.status, attempts[29]?.status);
    assert.ok(JSON.stringify(kept).length <= MAX_ATTEMPTS_JSON_CHARS);
    assert.equal(kept[kept.length - 1]?.response, answer, 'the newest answer is kept');
    assert.equal(kept[0]?.response, undefined, 'the oldest answer went first');
    assert.equal(kept[0]?.status, attempts[10]?.status, 'its status stays');
  });
});
