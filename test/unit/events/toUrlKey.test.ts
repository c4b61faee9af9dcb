import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { toUrlKey } from '../../../shared/events/toUrlKey';

describe('the URL key of a callback URL in a topic', () => {
  test('is the id a hook had in the one-row-per-URL model (SHA-256 of "hook", topic, URL; 32 hex), so its rows group with new ones', () => {
    const url = 'https://prod-01.westeurope.logic.azure.com/workflows/w/triggers/t/paths/invoke?sig=x';
    const earlierId = createHash('sha256').update(`hook\norder.created\n${url}`).digest('hex').slice(0, 32);
    assert.equal(toUrlKey('order.created', url), earlierId);
    assert.match(toUrlKey('order.created', url), /^[0-9a-f]{32}$/);
  });

  test('differs by topic and by URL', () => {
    assert.notEqual(toUrlKey('a', 'https://x/1'), toUrlKey('b', 'https://x/1'));
    assert.notEqual(toUrlKey('a', 'https://x/1'), toUrlKey('a', 'https://x/2'));
  });
});
