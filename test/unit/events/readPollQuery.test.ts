import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBatch, parseTriggerState, readPollQuery } from '../../../shared/http/readPollQuery';
import { toTriggerState } from '../../../shared/events/Cursor';
import { newEventId } from '../../../shared/events/eventId';
import { isProblem } from '../../../shared/http/Problem';

const isBadRequest = (error: unknown) => isProblem(error) && error.status === 400;

describe('polling trigger query parsing', () => {
  test('batch is absent, or a whole number from 1 to 100', () => {
    assert.equal(parseBatch(null), undefined);
    assert.equal(parseBatch('1'), 1);
    assert.equal(parseBatch('20'), 20);
    assert.equal(parseBatch('100'), 100);
  });

  test('any other batch is 400', () => {
    for (const bad of ['', '0', '101', '-1', '1.5', '1e2', ' 5', 'ten', '0x10', '99999999999']) {
      assert.throws(() => parseBatch(bad), isBadRequest, JSON.stringify(bad));
    }
  });

  test('an absent or empty triggerState is a first call; garbage is 400', () => {
    assert.equal(parseTriggerState(null), undefined);
    assert.equal(parseTriggerState(''), undefined);
    assert.throws(() => parseTriggerState('garbage!'), isBadRequest);
  });

  test('readPollQuery reads both parameters', () => {
    const after = newEventId();
    const query = new URLSearchParams({ triggerState: toTriggerState({ v: 1, after }), batch: '10' });
    assert.deepEqual(readPollQuery({ query }), { cursor: { v: 1, after }, batch: 10 });
    assert.deepEqual(readPollQuery({ query: new URLSearchParams() }), {});
  });
});
