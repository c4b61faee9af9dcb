import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { toDisplayName } from '../../../shared/openapi/toDisplayName';

describe('toDisplayName', () => {
  test('snake_case and camelCase names read in sentence case', () => {
    assert.equal(toDisplayName('order_key'), 'Order key');
    assert.equal(toDisplayName('date_created'), 'Date created');
    assert.equal(toDisplayName('createdAt'), 'Created at');
    assert.equal(toDisplayName('secondsPerMinute'), 'Seconds per minute');
  });

  test('known acronyms and all-capital words stay in capitals', () => {
    assert.equal(toDisplayName('id'), 'ID');
    assert.equal(toDisplayName('callbackUrl'), 'Callback URL');
    assert.equal(toDisplayName('shop_id'), 'Shop ID');
    assert.equal(toDisplayName('SKU'), 'SKU');
    assert.equal(toDisplayName('HTTPStatus'), 'HTTP status');
  });
});
