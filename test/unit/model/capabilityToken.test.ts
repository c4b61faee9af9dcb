import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isTokenValid, newCapabilityToken, toTokenHash } from '../../../shared/model/capabilityToken';

describe('capability tokens', () => {
  test('carry at least 128 random bits and differ each time', () => {
    const a = newCapabilityToken();
    assert.ok(Buffer.from(a, 'base64url').length >= 16);
    assert.notEqual(a, newCapabilityToken());
  });
  test('are stored as a SHA-256 hash, never in clear', () => {
    const token = newCapabilityToken();
    const hash = toTokenHash(token);
    assert.match(hash, /^[0-9a-f]{64}$/);
    assert.ok(!hash.includes(token));
  });
  test('match only the token they were made from', () => {
    const token = newCapabilityToken();
    const hash = toTokenHash(token);
    assert.equal(isTokenValid(token, hash), true);
    assert.equal(isTokenValid(newCapabilityToken(), hash), false);
    assert.equal(isTokenValid('', hash), false);
    assert.equal(isTokenValid(null, hash), false);
  });
});
