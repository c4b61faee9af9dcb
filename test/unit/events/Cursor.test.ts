import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { fromTriggerState, toTriggerState, TRIGGER_STATE_TAG_BYTES, type Cursor, type TriggerStateScope } from '../../../shared/events/Cursor';
import { newEventId, toEventIdPrefix } from '../../../shared/events/eventId';

const KEY = randomBytes(32);
const SCOPE: TriggerStateScope = { topic: 'order.created' };
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

/** The state with the character at `index` replaced by another character of the base64url alphabet. */
function withCharacterChanged(state: string, index: number): string {
  const current = state[index] ?? '';
  const other = ALPHABET[(ALPHABET.indexOf(current) + 1) % ALPHABET.length] ?? 'A';
  return `${state.slice(0, index)}${other}${state.slice(index + 1)}`;
}

/** The state with bit `bit` of byte `index` of one part (0: cursor, 1: tag) flipped, re-encoded. */
function withBitFlipped(state: string, part: 0 | 1, index: number, bit: number): string {
  const parts = state.split('.');
  const bytes = Buffer.from(parts[part] ?? '', 'base64url');
  bytes[index] = (bytes[index] ?? 0) ^ (1 << bit);
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('triggerState: a cursor with a keyed MAC over topic, batch and cursor', () => {
  test('a cursor after an event id round-trips, with and without batch', () => {
    const cursor: Cursor = { v: 1, after: newEventId() };
    assert.deepEqual(fromTriggerState(KEY, SCOPE, toTriggerState(KEY, SCOPE, cursor)), cursor);
    const batched = { ...SCOPE, batch: 20 };
    assert.deepEqual(fromTriggerState(KEY, batched, toTriggerState(KEY, batched, cursor)), cursor);
  });

  test('a cursor after an instant (the first call) round-trips', () => {
    const cursor: Cursor = { v: 1, after: toEventIdPrefix(Date.now()) };
    assert.deepEqual(fromTriggerState(KEY, SCOPE, toTriggerState(KEY, SCOPE, cursor)), cursor);
  });

  test('the state is URL-safe: base64url of {v:1, after}, a dot, and a 128-bit tag', () => {
    const after = newEventId();
    const state = toTriggerState(KEY, SCOPE, { v: 1, after });
    assert.match(state, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    const [cursor, tag] = state.split('.');
    assert.deepEqual(JSON.parse(Buffer.from(cursor ?? '', 'base64url').toString('utf8')), { v: 1, after });
    assert.equal(Buffer.from(tag ?? '', 'base64url').length, TRIGGER_STATE_TAG_BYTES);
  });

  test('changing any one character of the state is rejected', () => {
    const state = toTriggerState(KEY, SCOPE, { v: 1, after: newEventId() });
    for (let i = 0; i < state.length; i++) {
      if (state[i] === '.') continue;
      const changed = withCharacterChanged(state, i);
      assert.notEqual(changed, state);
      assert.equal(fromTriggerState(KEY, SCOPE, changed), undefined, `character ${i}`);
    }
  });

  test('flipping any bit of any byte of the cursor or the tag is rejected', () => {
    const state = toTriggerState(KEY, SCOPE, { v: 1, after: newEventId() });
    const [cursor, tag] = state.split('.').map((p) => Buffer.from(p, 'base64url'));
    for (const [part, bytes] of [[0, cursor], [1, tag]] as const) {
      for (let i = 0; i < (bytes?.length ?? 0); i++) {
        for (let bit = 0; bit < 8; bit++) {
          assert.equal(fromTriggerState(KEY, SCOPE, withBitFlipped(state, part, i, bit)), undefined, `part ${part} byte ${i} bit ${bit}`);
        }
      }
    }
  });

  test("another topic's state, a changed batch, or another key is rejected", () => {
    const cursor: Cursor = { v: 1, after: newEventId() };
    const state = toTriggerState(KEY, SCOPE, cursor);
    assert.equal(fromTriggerState(KEY, { topic: 'job.completed' }, state), undefined, 'other topic');
    assert.equal(fromTriggerState(KEY, { ...SCOPE, batch: 1 }, state), undefined, 'batch added');
    const batched = toTriggerState(KEY, { ...SCOPE, batch: 20 }, cursor);
    assert.equal(fromTriggerState(KEY, { ...SCOPE, batch: 100 }, batched), undefined, 'batch changed');
    assert.equal(fromTriggerState(KEY, SCOPE, batched), undefined, 'batch removed');
    assert.equal(fromTriggerState(randomBytes(32), SCOPE, state), undefined, 'other key');
  });

  test('a tag of the wrong length is rejected', () => {
    const state = toTriggerState(KEY, SCOPE, { v: 1, after: newEventId() });
    const [cursor, tagText] = state.split('.');
    const tag = Buffer.from(tagText ?? '', 'base64url');
    for (const wrong of [tag.subarray(0, TRIGGER_STATE_TAG_BYTES - 1), Buffer.concat([tag, Buffer.from([0])]), tag.subarray(0, 8), Buffer.alloc(32)]) {
      assert.equal(fromTriggerState(KEY, SCOPE, `${cursor}.${wrong.toString('base64url')}`), undefined, `${wrong.length} bytes`);
    }
    assert.equal(fromTriggerState(KEY, SCOPE, state.slice(0, -1)), undefined, 'one character short');
    assert.equal(fromTriggerState(KEY, SCOPE, `${state}A`), undefined, 'one character long');
  });

  test('garbage and unsigned cursors are rejected', () => {
    const id = newEventId();
    const valid = toTriggerState(KEY, SCOPE, { v: 1, after: id });
    const tag = valid.split('.')[1] ?? '';
    const cases: Record<string, string> = {
      empty: '',
      'an unsigned cursor (the old format)': encode({ v: 1, after: id }),
      'no cursor': `.${tag}`,
      'no tag': `${encode({ v: 1, after: id })}.`,
      'three parts': `${valid}.${tag}`,
      'not base64url': `abc$def.${tag}`,
      'padding and slashes': `${Buffer.from(JSON.stringify({ v: 1, after: id })).toString('base64')}/==.${tag}`,
      'a forged cursor under a real tag': `${encode({ v: 1, after: `${id}' or RowKey gt '` })}.${tag}`,
      'another cursor under a real tag': `${encode({ v: 1, after: newEventId() })}.${tag}`,
      'too long': `${'A'.repeat(300)}.${tag}`,
    };
    for (const [name, state] of Object.entries(cases)) assert.equal(fromTriggerState(KEY, SCOPE, state), undefined, name);
  });
});
