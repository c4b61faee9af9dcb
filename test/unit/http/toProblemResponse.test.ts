import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RestError } from '@azure/data-tables';
import { toProblemResponse } from '../../../shared/http/toProblemResponse';
import { Problem } from '../../../shared/model/errors';

describe('toProblemResponse: what a request answers when something throws', () => {
  test('a storage call that got no answer (refused, reset, timed out) answers 503 problem+json with Retry-After', () => {
    const refused = new RestError('connect ECONNREFUSED 127.0.0.1:10002', { code: 'ECONNREFUSED' });
    const timedOut = Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' });
    for (const error of [refused, timedOut, new Error('building the app failed', { cause: refused })]) {
      const answer = toProblemResponse(error);
      assert.equal(answer.status, 503, String(error));
      assert.equal((answer.headers as Record<string, string>)['Content-Type'], 'application/problem+json');
      assert.match((answer.headers as Record<string, string>)['Retry-After'] ?? '', /^\d+$/);
    }
  });

  test('storage answering 500 or 503 (busy, internal error) answers 503 too', () => {
    for (const statusCode of [500, 503]) assert.equal(toProblemResponse(new RestError('busy', { statusCode })).status, 503);
  });

  test('a storage 4xx the code did not expect, and any other error, stay a bare 500', () => {
    assert.equal(toProblemResponse(new RestError('conflict', { statusCode: 409 })).status, 500);
    assert.equal(toProblemResponse(new TypeError('x is undefined')).status, 500);
  });

  test('a Problem answers its own status', () => {
    assert.equal(toProblemResponse(new Problem(429, 'busy', { headers: { 'Retry-After': '30' } })).status, 429);
  });
});
