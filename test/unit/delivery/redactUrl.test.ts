import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { redactUrl } from '../../../shared/delivery/redactUrl';

describe('redactUrl', () => {
  test('keeps scheme, host and path and replaces the query with a marker', () => {
    assert.equal(
      redactUrl('https://prod-00.westeurope.logic.azure.com:443/workflows/abc/run?api-version=1&sig=SECRET'),
      'https://prod-00.westeurope.logic.azure.com/workflows/abc/run?…',
    );
  });

  test('drops the fragment and user info', () => {
    assert.equal(redactUrl('http://user:pw@localhost:7071/cb#sig=SECRET'), 'http://localhost:7071/cb');
  });

  test('leaves a URL without query unmarked', () => {
    assert.equal(redactUrl('https://example.com/hooks/1'), 'https://example.com/hooks/1');
  });

  test('never returns an unparseable input', () => {
    assert.equal(redactUrl('not a url ?sig=SECRET'), '[unparseable URL]');
  });
});
