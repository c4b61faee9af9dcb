import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { SecretSealer } from '../../../shared/storage/SecretSealer';

describe('SecretSealer', () => {
  const url = 'https://prod-00.westeurope.logic.azure.com/workflows/1/runs/2/actions/Wait/run?api-version=2016-06-01&sig=s3cr3t';

  test('a sealed value opens to the original and does not contain it', () => {
    const sealer = new SecretSealer(randomBytes(32));
    const sealed = sealer.seal(url);
    assert.ok(!sealed.includes('s3cr3t'));
    assert.equal(sealer.open(sealed), url);
  });
  test('two seals of the same value differ (random IV)', () => {
    const sealer = new SecretSealer(randomBytes(32));
    assert.notEqual(sealer.seal(url), sealer.seal(url));
  });
  test('another key or a tampered value cannot be opened', () => {
    const sealed = new SecretSealer(randomBytes(32)).seal(url);
    assert.throws(() => new SecretSealer(randomBytes(32)).open(sealed));
    const sealer = new SecretSealer(randomBytes(32));
    const good = sealer.seal(url);
    const tampered = good.slice(0, -3) + (good.endsWith('A') ? 'BBB' : 'AAA');
    assert.throws(() => sealer.open(tampered));
  });
  test('a key that is not 32 bytes is refused', () => {
    assert.throws(() => new SecretSealer(randomBytes(16)), /32 bytes/);
  });
});
