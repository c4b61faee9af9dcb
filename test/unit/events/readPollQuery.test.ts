import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { parseBatch, readContinuationQuery, readPollQuery } from '../../../shared/http/readPollQuery';
import { toTriggerState } from '../../../shared/events/Cursor';
import { newEventId } from '../../../shared/events/eventId';
import { isProblem } from '../../../shared/model/errors';

const KEY = randomBytes(32);
const TOPIC = 'order.created';
const isStatus = (status: number) => (error: unknown) => isProblem(error) && error.status === status;
const query = (params: Record<string, string>) => ({ query: new URLSearchParams(params) });

describe('polling trigger query parsing', () => {
  test('batch is absent, or a whole number from 1 to 100', () => {
    assert.equal(parseBatch(null), undefined);
    assert.equal(parseBatch('1'), 1);
    assert.equal(parseBatch('20'), 20);
    assert.equal(parseBatch('100'), 100);
  });

  test('any other batch is 400', () => {
    for (const bad of ['', '0', '101', '-1', '1.5', '1e2', ' 5', 'ten', '0x10', '99999999999']) {
      assert.throws(() => parseBatch(bad), isStatus(400), JSON.stringify(bad));
    }
  });

  test('the first call: an absent or empty triggerState starts now; a signed one is read; anything else is 400', () => {
    const after = newEventId();
    assert.deepEqual(readPollQuery(query({}), [KEY], TOPIC), {});
    assert.deepEqual(readPollQuery(query({ triggerState: '', batch: '10' }), [KEY], TOPIC), { batch: 10 });
    const state = toTriggerState(KEY, { topic: TOPIC, batch: 10 }, { v: 1, after });
    assert.deepEqual(readPollQuery(query({ triggerState: state, batch: '10' }), [KEY], TOPIC), { cursor: { v: 1, after }, batch: 10 });
    assert.throws(() => readPollQuery(query({ triggerState: 'garbage!' }), [KEY], TOPIC), isStatus(400));
    assert.throws(() => readPollQuery(query({ triggerState: state }), [KEY], TOPIC), isStatus(400), 'the batch it was issued for is part of it');
  });

  test('a state issued before states were signed is still read on the first-call route (behind the key), never on the anonymous continuation', () => {
    const after = newEventId();
    const unsigned = Buffer.from(JSON.stringify({ v: 1, after }), 'utf8').toString('base64url');
    assert.deepEqual(readPollQuery(query({ triggerState: unsigned }), [KEY], TOPIC), { cursor: { v: 1, after } });
    assert.throws(() => readContinuationQuery(query({ triggerState: unsigned }), [KEY], TOPIC), isStatus(404));
    const notACursor = Buffer.from(JSON.stringify({ v: 1, after: 'x' }), 'utf8').toString('base64url');
    assert.throws(() => readPollQuery(query({ triggerState: notACursor }), [KEY], TOPIC), isStatus(400));
  });

  test('a continuation reads a state issued for its topic and batch', () => {
    const after = newEventId();
    const state = toTriggerState(KEY, { topic: TOPIC, batch: 5 }, { v: 1, after });
    assert.deepEqual(readContinuationQuery(query({ triggerState: state, batch: '5' }), [KEY], TOPIC), { cursor: { v: 1, after }, batch: 5 });
  });

  test('a continuation without a valid state is 404 whatever is wrong, with one detail that names nothing', () => {
    const state = toTriggerState(KEY, { topic: TOPIC }, { v: 1, after: newEventId() });
    const cases: Record<string, Record<string, string>> = {
      'no triggerState': {},
      'an empty triggerState': { triggerState: '' },
      garbage: { triggerState: 'garbage!' },
      'another topic': { triggerState: toTriggerState(KEY, { topic: 'job.completed' }, { v: 1, after: newEventId() }) },
      'another key': { triggerState: toTriggerState(randomBytes(32), { topic: TOPIC }, { v: 1, after: newEventId() }) },
      'a batch added': { triggerState: state, batch: '100' },
      'a batch that does not parse': { triggerState: state, batch: 'ten' },
    };
    const details = new Set<string>();
    for (const [name, params] of Object.entries(cases)) {
      assert.throws(
        () => readContinuationQuery(query(params), [KEY], TOPIC),
        (error: unknown) => isStatus(404)(error) && isProblem(error) && details.add(error.detail) !== undefined && error.errors === undefined,
        name,
      );
    }
    assert.equal(details.size, 1);
    assert.doesNotMatch([...details][0] ?? '', /order\.created|batch|MAC|topic "/i);
  });

  test('after a key rotation a state issued under the older key still verifies while that key is listed, on both routes; once it is gone, 400 and 404', () => {
    const [older, newer] = [randomBytes(32), randomBytes(32)];
    const after = newEventId();
    const state = toTriggerState(older, { topic: TOPIC }, { v: 1, after });
    assert.deepEqual(readContinuationQuery(query({ triggerState: state }), [newer, older], TOPIC), { cursor: { v: 1, after } });
    assert.deepEqual(readPollQuery(query({ triggerState: state }), [newer, older], TOPIC), { cursor: { v: 1, after } });
    assert.throws(() => readContinuationQuery(query({ triggerState: state }), [newer], TOPIC), isStatus(404));
    assert.throws(() => readPollQuery(query({ triggerState: state }), [newer], TOPIC), isStatus(400));
  });
});
