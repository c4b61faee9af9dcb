import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_BEARER_TOKEN_LENGTH, readBearerToken } from '../../../shared/http/readBearerToken';

describe('readBearerToken', () => {
  test('no header, an empty one, or another scheme presents no token', () => {
    for (const header of [null, undefined, '', '   ', 'Basic dXNlcjpwYXNz', 'Bearerish abc']) {
      assert.deepEqual(readBearerToken(header), { kind: 'none' }, String(header));
    }
  });

  test('the Bearer scheme is read case-insensitively and the token is kept exactly', () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln-_~+/==';
    for (const header of [`Bearer ${token}`, `bearer ${token}`, `BEARER   ${token}  `]) {
      assert.deepEqual(readBearerToken(header), { kind: 'token', token });
    }
  });

  test('a Bearer credential that is not a b64token is malformed', () => {
    for (const header of ['Bearer', 'Bearer ', 'Bearer a b', 'Bearer a"b', 'Bearer ==abc', `Bearer ${'a'.repeat(MAX_BEARER_TOKEN_LENGTH + 1)}`]) {
      assert.deepEqual(readBearerToken(header), { kind: 'malformed' }, header.slice(0, 20));
    }
  });
});
