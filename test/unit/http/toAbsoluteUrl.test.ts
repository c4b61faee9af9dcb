import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { toAbsoluteUrl } from '../../../shared/http/toAbsoluteUrl';
import { toRetryAfter } from '../../../shared/http/toRetryAfter';

describe('absolute URLs', () => {
  test('a path and query go under the base, the query encoded', () => {
    assert.equal(toAbsoluteUrl('http://localhost:7071/api', '/jobs/1', { token: 'a b', skipped: undefined }), 'http://localhost:7071/api/jobs/1?token=a+b');
  });
  test('Retry-After is a whole number of seconds', () => {
    assert.equal(toRetryAfter(2.1), '3');
    assert.equal(toRetryAfter(-4), '0');
  });
});
