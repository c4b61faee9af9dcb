import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hkdfSync, randomBytes } from 'node:crypto';
import { SEALING_KEY_INFO, toSealingKey } from '../../../shared/storage/toSealingKey';

const hkdf = (secret: string) => Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), 'longrun sealing key v1', 32));

describe('toSealingKey: one entry of LONGRUN_SECRET_KEYS', () => {
  test('base64 of exactly 32 bytes, standard or url-safe, padded or not, is the key itself', () => {
    const key = Buffer.from('fb'.repeat(32), 'hex'); // encodes with + and / (standard) or - and _ (url-safe)
    assert.deepEqual(toSealingKey(key.toString('base64')), key);
    assert.deepEqual(toSealingKey(key.toString('base64').replace(/=+$/, '')), key);
    assert.deepEqual(toSealingKey(key.toString('base64url')), key);
    assert.deepEqual(toSealingKey(` ${key.toString('base64')} `), key, 'surrounding spaces do not count');
  });

  test('any other entry of at least 32 characters is a secret string, and the key is HKDF-SHA256 of it (no salt, info "longrun sealing key v1")', () => {
    assert.equal(SEALING_KEY_INFO, 'longrun sealing key v1');
    const secret = 'azd-generated-Secret-0123456789abcdefXYZ';
    assert.deepEqual(toSealingKey(secret), hkdf(secret));
    assert.equal(toSealingKey(secret).length, 32);
    assert.deepEqual(toSealingKey(secret), toSealingKey(secret), 'every instance derives the same key');
    assert.notDeepEqual(toSealingKey(`${secret}!`), toSealingKey(secret));
    const of31Bytes = randomBytes(31).toString('base64');
    assert.deepEqual(toSealingKey(of31Bytes), hkdf(of31Bytes), 'base64 of another length is a string secret');
    const mixed = Buffer.from('fb'.repeat(32), 'hex').toString('base64').replace('+', '-'); // '-' with '/' left
    assert.deepEqual(toSealingKey(mixed), hkdf(mixed), 'mixing the two alphabets is not base64');
  });

  test('an entry shorter than 32 characters is refused without echoing it', () => {
    assert.throws(() => toSealingKey('short-secret'), (error: Error) => /at least 32 characters, got 12 characters/.test(error.message) && !error.message.includes('short-secret'));
  });
});
