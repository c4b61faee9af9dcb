import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fromTriggerState, toTriggerState, type Cursor } from '../../../shared/events/Cursor';
import { newEventId, toEventIdPrefix } from '../../../shared/events/eventId';

const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

describe('triggerState cursors round-trip and refuse garbage', () => {
  test('a cursor after an event id round-trips through its triggerState', () => {
    const cursor: Cursor = { v: 1, after: newEventId() };
    assert.deepEqual(fromTriggerState(toTriggerState(cursor)), cursor);
  });

  test('a cursor after an instant (the first call) round-trips', () => {
    const cursor: Cursor = { v: 1, after: toEventIdPrefix(Date.now()) };
    assert.deepEqual(fromTriggerState(toTriggerState(cursor)), cursor);
  });

  test('the triggerState is URL-safe base64 of {v:1, after}', () => {
    const after = newEventId();
    const state = toTriggerState({ v: 1, after });
    assert.match(state, /^[A-Za-z0-9_-]+$/);
    assert.deepEqual(JSON.parse(Buffer.from(state, 'base64url').toString('utf8')), { v: 1, after });
  });

  test('garbage does not parse', () => {
    const id = newEventId();
    const cases: Record<string, string> = {
      empty: '',
      'not base64url': 'abc$def',
      'padding and slashes': `${Buffer.from(JSON.stringify({ v: 1, after: id })).toString('base64')}/==`,
      'not JSON': Buffer.from('not json').toString('base64url'),
      'JSON but not an object': encode([1, 2]),
      'another version': encode({ v: 2, after: id }),
      'no after': encode({ v: 1 }),
      'after is not an event id': encode({ v: 1, after: 'x' }),
      'after is a number': encode({ v: 1, after: 1718000000000 }),
      'an extra field': encode({ v: 1, after: id, admin: true }),
      'OData injection': encode({ v: 1, after: `${id}' or RowKey gt '` }),
      'too long': 'A'.repeat(300),
    };
    for (const [name, state] of Object.entries(cases)) assert.equal(fromTriggerState(state), undefined, name);
  });
});
