import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FetchResult } from '../../../shared/delivery/outboundClient';
import { IssuerKeys, IssuerKeysUnavailable, toMetadataUrl } from '../../../shared/http/IssuerKeys';

const ISSUER = 'https://login.example.test/tenant-1/v2.0';
const JWKS_URI = 'https://login.example.test/tenant-1/discovery/v2.0/keys';

/** A fake issuer behind the outbound client's `get`: documents by URL, every GET recorded. */
function fakeIssuer(kids: string[]) {
  const state = { kids, gets: [] as string[], fail: undefined as FetchResult | undefined };
  const json = (value: unknown): FetchResult => ({ kind: 'answered', status: 200, body: Buffer.from(JSON.stringify(value)) });
  const client = {
    get: (url: string): Promise<FetchResult> => {
      state.gets.push(url);
      if (state.fail) return Promise.resolve(state.fail);
      if (url === toMetadataUrl(ISSUER)) return Promise.resolve(json({ issuer: ISSUER, jwks_uri: JWKS_URI }));
      if (url === JWKS_URI) return Promise.resolve(json({ keys: state.kids.map((kid) => ({ kty: 'RSA', kid, n: 'AQAB', e: 'AQAB' })) }));
      return Promise.resolve({ kind: 'answered', status: 404, body: Buffer.alloc(0) });
    },
  };
  const keyFetches = (): number => state.gets.filter((u) => u === JWKS_URI).length;
  return { state, client, keyFetches };
}

const kidsOf = (set: { keys: { kid?: string }[] }): (string | undefined)[] => set.keys.map((k) => k.kid);

describe('IssuerKeys', () => {
  test('the metadata URL is <issuer>/.well-known/openid-configuration, with or without a trailing slash', () => {
    assert.equal(toMetadataUrl('https://login.microsoftonline.com/t/v2.0'), 'https://login.microsoftonline.com/t/v2.0/.well-known/openid-configuration');
    assert.equal(toMetadataUrl('https://sts.windows.net/t/'), 'https://sts.windows.net/t/.well-known/openid-configuration');
  });

  test('the first use discovers jwks_uri from the OpenID configuration, then fetches the keys; known kids fetch nothing more', async () => {
    const issuer = fakeIssuer(['a', 'b']);
    const keys = new IssuerKeys({ issuer: ISSUER, client: issuer.client });
    assert.deepEqual(kidsOf(await keys.forKid('a')), ['a', 'b']);
    assert.deepEqual(issuer.state.gets, [toMetadataUrl(ISSUER), JWKS_URI]);
    await keys.forKid('b');
    await keys.forKid(undefined);
    assert.equal(issuer.state.gets.length, 2);
  });

  test('LONGRUN_ENTRA_JWKS_URI skips discovery', async () => {
    const issuer = fakeIssuer(['a']);
    await new IssuerKeys({ issuer: ISSUER, jwksUri: JWKS_URI, client: issuer.client }).forKid('a');
    assert.deepEqual(issuer.state.gets, [JWKS_URI]);
  });

  test('an unknown kid fetches the keys again once, and a rotated key is then found', async () => {
    const issuer = fakeIssuer(['old']);
    const keys = new IssuerKeys({ issuer: ISSUER, client: issuer.client });
    await keys.forKid('old');
    issuer.state.kids = ['new'];
    assert.deepEqual(kidsOf(await keys.forKid('new')), ['new']);
    assert.equal(issuer.keyFetches(), 2);
  });

  test('unknown kids refresh at most once per floor, however many arrive', async () => {
    let now = 1_000_000;
    const issuer = fakeIssuer(['a']);
    const keys = new IssuerKeys({ issuer: ISSUER, client: issuer.client, refreshFloorMs: 60_000, now: () => now });
    await keys.forKid('a');
    for (let i = 0; i < 50; i++) await keys.forKid(`made-up-${i}`);
    assert.equal(issuer.keyFetches(), 2, 'the first unknown kid refreshed, the other 49 did not');
    now += 59_999;
    await keys.forKid('made-up-again');
    assert.equal(issuer.keyFetches(), 2);
    now += 1;
    await keys.forKid('made-up-after-the-floor');
    assert.equal(issuer.keyFetches(), 3);
  });

  test('keys older than maxAge are fetched again before use', async () => {
    let now = 0;
    const issuer = fakeIssuer(['a']);
    const keys = new IssuerKeys({ issuer: ISSUER, client: issuer.client, maxAgeMs: 1000, now: () => now });
    await keys.forKid('a');
    now = 999;
    await keys.forKid('a');
    assert.equal(issuer.keyFetches(), 1);
    now = 1000;
    await keys.forKid('a');
    assert.equal(issuer.keyFetches(), 2);
  });

  test('concurrent first uses share one fetch', async () => {
    const issuer = fakeIssuer(['a']);
    const keys = new IssuerKeys({ issuer: ISSUER, client: issuer.client });
    await Promise.all(Array.from({ length: 10 }, () => keys.forKid('a')));
    assert.equal(issuer.keyFetches(), 1);
  });

  test('no keys at all is IssuerKeysUnavailable naming what failed; the next use tries again', async () => {
    const issuer = fakeIssuer(['a']);
    const keys = new IssuerKeys({ issuer: ISSUER, client: issuer.client });
    issuer.state.fail = { kind: 'connectFailed', message: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1' };
    await assert.rejects(keys.forKid('a'), (error: Error) => error instanceof IssuerKeysUnavailable && /OpenID configuration could not be fetched: ECONNREFUSED/.test(error.message));
    issuer.state.fail = undefined;
    assert.deepEqual(kidsOf(await keys.forKid('a')), ['a']);
  });

  test('a status other than 200, a body that is not JSON, or a key set without keys is unavailable', async () => {
    const cases: [FetchResult, RegExp][] = [
      [{ kind: 'answered', status: 500, body: Buffer.alloc(0) }, /answered 500/],
      [{ kind: 'answered', status: 200, body: Buffer.from('<html>') }, /not JSON/],
      [{ kind: 'answered', status: 200, body: Buffer.from('{"keys":[]}') }, /expected shape/],
      [{ kind: 'tooLarge', maxBytes: 262_144 }, /larger than 262144 bytes/],
      [{ kind: 'blocked', reason: 'callback address refused: loopback' }, /refused: loopback/],
    ];
    for (const [answer, message] of cases) {
      const keys = new IssuerKeys({ issuer: ISSUER, jwksUri: JWKS_URI, client: { get: () => Promise.resolve(answer) } });
      await assert.rejects(keys.forKid('a'), message);
    }
  });

  test('a failed refresh after maxAge keeps the keys already held', async () => {
    let now = 0;
    const issuer = fakeIssuer(['a']);
    const keys = new IssuerKeys({ issuer: ISSUER, client: issuer.client, maxAgeMs: 1000, now: () => now });
    await keys.forKid('a');
    now = 5000;
    issuer.state.fail = { kind: 'timedOut', durationMs: 10_000 };
    assert.deepEqual(kidsOf(await keys.forKid('a')), ['a']);
  });

  test('a failed refresh for an unknown kid is IssuerKeysUnavailable (the caller may retry)', async () => {
    const issuer = fakeIssuer(['a']);
    const keys = new IssuerKeys({ issuer: ISSUER, client: issuer.client });
    await keys.forKid('a');
    issuer.state.fail = { kind: 'timedOut', durationMs: 10_000 };
    await assert.rejects(keys.forKid('rotated'), IssuerKeysUnavailable);
  });
});
