import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { deriveTriggerStateKey, TRIGGER_STATE_LABEL } from '../../../shared/events/deriveTriggerStateKey';
import { fromTriggerState, toTriggerState } from '../../../shared/events/Cursor';
import { newEventId } from '../../../shared/events/eventId';

/** RFC 5869 HKDF-SHA256 for one output block, written out: extract with an all-zero salt, then expand. */
function hkdfSha256Block(ikm: Buffer, info: string): Buffer {
  const prk = createHmac('sha256', Buffer.alloc(32)).update(ikm).digest();
  return createHmac('sha256', prk).update(Buffer.concat([Buffer.from(info, 'utf8'), Buffer.from([1])])).digest();
}

describe('the triggerState MAC key is derived from the sealing key', () => {
  test('it is HKDF-SHA256 of the sealing key with its own label, 32 bytes', () => {
    const sealingKey = randomBytes(32);
    const key = deriveTriggerStateKey(sealingKey);
    assert.equal(key.length, 32);
    assert.deepEqual(key, hkdfSha256Block(sealingKey, TRIGGER_STATE_LABEL));
    assert.deepEqual(deriveTriggerStateKey(Buffer.from(sealingKey)), key, 'the same sealing key gives the same key (every instance agrees)');
  });

  test('the derived key is not the sealing key, and another sealing key gives another key', () => {
    const sealingKey = randomBytes(32);
    assert.notDeepEqual(deriveTriggerStateKey(sealingKey), sealingKey);
    assert.notDeepEqual(deriveTriggerStateKey(randomBytes(32)), deriveTriggerStateKey(sealingKey));
  });

  test('a state signed under one sealing key does not verify under another, nor under the sealing key itself', () => {
    const sealingKey = randomBytes(32);
    const scope = { topic: 'order.created' };
    const state = toTriggerState(deriveTriggerStateKey(sealingKey), scope, { v: 1, after: newEventId() });
    assert.ok(fromTriggerState(deriveTriggerStateKey(sealingKey), scope, state));
    assert.equal(fromTriggerState(deriveTriggerStateKey(randomBytes(32)), scope, state), undefined);
    assert.equal(fromTriggerState(sealingKey, scope, state), undefined);
  });
});
