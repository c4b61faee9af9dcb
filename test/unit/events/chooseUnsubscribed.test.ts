import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseUnsubscribed } from '../../../shared/events/chooseUnsubscribed';
import { storedOf } from './hookFixtures';

const ids = (found: ReturnType<typeof chooseUnsubscribed>) => found.map((s) => s.hook.id).sort();

describe('which subscriptions an unsubscribe removes', () => {
  test('the only subscription found is removed; none found removes none', () => {
    assert.deepEqual(ids(chooseUnsubscribed([storedOf('a', 'u', 1)])), ['a']);
    assert.deepEqual(chooseUnsubscribed([]), []);
  });

  test('several of one callback URL (a save that subscribed anew before unsubscribing): all but the newest', () => {
    const found = [storedOf('new', 'u', 9), storedOf('old', 'u', 1), storedOf('mid', 'u', 5)];
    assert.deepEqual(ids(chooseUnsubscribed(found)), ['mid', 'old']);
  });

  test('two created in the same instant: the id decides, so exactly one is spared', () => {
    assert.equal(chooseUnsubscribed([storedOf('b', 'u', 1), storedOf('a', 'u', 1)]).length, 1);
  });

  test('found under two callback URLs: ambiguous, nothing is removed', () => {
    assert.deepEqual(chooseUnsubscribed([storedOf('a', 'u1', 1), storedOf('b', 'u2', 2)]), []);
  });
});
