import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { SecretSealer, toSealingKeyId } from '../../../shared/storage/SecretSealer';

/** A value in the first sealed format, as stored before key ids: `sealed.v1.<iv>.<body>` (AES-256-GCM, tag appended). */
function sealV1(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `sealed.v1.${iv.toString('base64url')}.${body.toString('base64url')}`;
}

describe('SecretSealer: a key ring, newest first', () => {
  const url = 'https://prod-00.westeurope.logic.azure.com/workflows/1/runs/2/actions/Wait/run?api-version=2016-06-01&sig=s3cr3t';

  test('a sealed value opens to the original and does not contain it', () => {
    const sealer = new SecretSealer([randomBytes(32)]);
    const sealed = sealer.seal(url);
    assert.ok(!sealed.includes('s3cr3t'));
    assert.equal(sealer.open(sealed), url);
  });
  test('two seals of the same value differ (random IV)', () => {
    const sealer = new SecretSealer([randomBytes(32)]);
    assert.notEqual(sealer.seal(url), sealer.seal(url));
  });
  test('another key or a tampered value cannot be opened', () => {
    const sealed = new SecretSealer([randomBytes(32)]).seal(url);
    assert.throws(() => new SecretSealer([randomBytes(32)]).open(sealed));
    const sealer = new SecretSealer([randomBytes(32)]);
    const good = sealer.seal(url);
    const tampered = good.slice(0, -3) + (good.endsWith('A') ? 'BBB' : 'AAA');
    assert.throws(() => sealer.open(tampered));
  });
  test('a key that is not 32 bytes, or no key at all, is refused', () => {
    assert.throws(() => new SecretSealer([randomBytes(32), randomBytes(16)]), /32 bytes/);
    assert.throws(() => new SecretSealer([]), /at least one key/);
  });

  test('the key id is the first 8 bytes of SHA-256 over a fixed label and the key, in hex: stable, distinct per key, not the key', () => {
    const key = Buffer.alloc(32, 7);
    const id = toSealingKeyId(key);
    assert.match(id, /^[0-9a-f]{16}$/);
    assert.equal(toSealingKeyId(Buffer.from(key)), id);
    assert.notEqual(toSealingKeyId(Buffer.alloc(32, 8)), id);
    assert.notEqual(id, createHash('sha256').update(key).digest().subarray(0, 8).toString('hex'), 'the label is part of it');
  });

  test('values are sealed as sealed.v2.<id of the newest key>.<iv>.<body>', () => {
    const [newest, older] = [randomBytes(32), randomBytes(32)];
    const sealed = new SecretSealer([newest, older]).seal(url);
    const parts = sealed.split('.');
    assert.deepEqual(parts.slice(0, 3), ['sealed', 'v2', toSealingKeyId(newest)]);
    assert.equal(parts.length, 5);
    assert.equal(new SecretSealer([newest]).open(sealed), url, 'the newest key alone opens it');
    assert.throws(() => new SecretSealer([older]).open(sealed));
  });

  test('rotation: a value sealed under the old key opens once a new key is added in front', () => {
    const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
    const sealedBefore = new SecretSealer([oldKey]).seal(url);
    const rotated = new SecretSealer([newKey, oldKey]);
    assert.equal(rotated.open(sealedBefore), url);
    assert.equal(rotated.open(rotated.seal(url)), url);
  });

  test('a value sealed under a key no longer listed fails with an error naming its key id and the setting, not the secret', () => {
    const retired = randomBytes(32);
    const sealed = new SecretSealer([retired]).seal(url);
    assert.throws(() => new SecretSealer([randomBytes(32), randomBytes(32)]).open(sealed), (error: Error) => {
      assert.match(error.message, new RegExp(`key ${toSealingKeyId(retired)}`));
      assert.match(error.message, /LONGRUN_SECRET_KEYS/);
      assert.ok(!error.message.includes('s3cr3t'));
      return true;
    });
  });

  test('a sealed.v1 value (no key id) opens by trying each key in turn, whichever position its key has', () => {
    const keys = [randomBytes(32), randomBytes(32), randomBytes(32)];
    const sealer = new SecretSealer(keys);
    for (const key of keys) assert.equal(sealer.open(sealV1(key, url)), url);
    assert.throws(() => sealer.open(sealV1(randomBytes(32), url)), /sealed\.v1 value opens with none of the 3 sealing keys/);
  });

  test('malformed values are refused: no prefix, missing or extra parts, a body shorter than the tag', () => {
    const sealer = new SecretSealer([randomBytes(32)]);
    const id = toSealingKeyId(randomBytes(32));
    for (const bad of ['plain text', 'sealed.v2.', `sealed.v2.${id}.aaa`, `${sealer.seal(url)}.extra`, 'sealed.v1.aaa', 'sealed.v1.AAAAAAAAAAAAAAAA.AAAA', 'sealed.v3.a.b.c']) {
      assert.throws(() => sealer.open(bad), Error, bad);
    }
  });
});
