import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT, type JSONWebKeySet } from 'jose';
import { EntraTokenVerifier, type EntraTokenVerifierOptions } from '../../../shared/http/EntraTokenVerifier';
import { IssuerKeysUnavailable } from '../../../shared/http/IssuerKeys';
import { newSigningKey, signToken, type SigningKey } from '../../support/testIssuer';

const ISSUER = 'https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0';
const AUDIENCE = 'api://longrun';
const ROLE = 'Longrun.Caller';

describe('EntraTokenVerifier', () => {
  let key: SigningKey;
  let other: SigningKey;
  let verifier: EntraTokenVerifier;
  const asked: (string | undefined)[] = [];

  function make(options: Partial<EntraTokenVerifierOptions> = {}): EntraTokenVerifier {
    const keys = { forKid: (kid: string | undefined): Promise<JSONWebKeySet> => (asked.push(kid), Promise.resolve({ keys: [key.jwk] })) };
    return new EntraTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, role: ROLE, keys, ...options });
  }
  const valid = (extra: Partial<Parameters<typeof signToken>[1]> = {}): Promise<string> =>
    signToken(key, { issuer: ISSUER, audience: AUDIENCE, roles: [ROLE], ...extra });

  before(async () => {
    key = await newSigningKey('key-1');
    other = await newSigningKey('key-1');
    verifier = make();
  });

  test('a token signed by the issuer’s key, for this audience, in time, with the role, is accepted', async () => {
    asked.length = 0;
    assert.equal(await verifier.check(`Bearer ${await valid()}`), undefined);
    assert.deepEqual(asked, ['key-1'], 'the keys were asked for the token’s kid');
  });

  test('no Authorization header, or another scheme, is noToken', async () => {
    assert.deepEqual(await verifier.check(null), { kind: 'noToken' });
    assert.deepEqual(await verifier.check('Basic dTpw'), { kind: 'noToken' });
  });

  test('each failed check is invalidToken naming the check', async () => {
    const cases: [string, RegExp][] = [
      [`Bearer ${await signToken(other, { issuer: ISSUER, audience: AUDIENCE, roles: [ROLE] })}`, /signature does not verify/],
      [`Bearer ${await valid({ audience: 'api://someone-else' })}`, /another audience/],
      [`Bearer ${await valid({ issuer: 'https://login.microsoftonline.com/other-tenant/v2.0' })}`, /not issued by the configured issuer/],
      [`Bearer ${await valid({ expiresIn: -301 })}`, /expired/],
      [`Bearer ${await valid({ notBefore: 301 })}`, /not valid yet/],
      [`Bearer ${await valid({ kid: 'unknown-kid' })}`, /no signing key/],
      ['Bearer not.a.jwt', /not a signed JWT/],
      ['Bearer', /does not carry a bearer token/],
    ];
    for (const [header, reason] of cases) {
      const rejection = await verifier.check(header);
      assert.equal(rejection?.kind, 'invalidToken', `${reason}: ${JSON.stringify(rejection)}`);
      assert.match(rejection.kind === 'invalidToken' ? rejection.reason : '', reason);
    }
  });

  test('exp and nbf are checked with 300 s of leeway, as Microsoft.IdentityModel does', async () => {
    assert.equal(await verifier.check(`Bearer ${await valid({ expiresIn: -290 })}`), undefined);
    assert.equal(await verifier.check(`Bearer ${await valid({ notBefore: 290 })}`), undefined);
  });

  test('a token without exp is refused', async () => {
    const token = await new SignJWT({ roles: [ROLE] }).setProtectedHeader({ alg: 'RS256', kid: key.kid }).setIssuer(ISSUER).setAudience(AUDIENCE).sign(key.privateKey);
    const rejection = await verifier.check(`Bearer ${token}`);
    assert.equal(rejection?.kind, 'invalidToken');
  });

  test('only RS256 is accepted: an HMAC token and an unsigned one are refused', async () => {
    const hmac = await new SignJWT({ roles: [ROLE] })
      .setProtectedHeader({ alg: 'HS256', kid: key.kid })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('a-shared-secret-of-at-least-32-bytes!'));
    const header = Buffer.from(JSON.stringify({ alg: 'none', kid: key.kid })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ iss: ISSUER, aud: AUDIENCE, exp: Math.floor(Date.now() / 1000) + 600, roles: [ROLE] })).toString('base64url');
    for (const token of [hmac, `${header}.${body}.`]) {
      assert.equal((await verifier.check(`Bearer ${token}`))?.kind, 'invalidToken');
    }
  });

  test('a valid token without the role, with other roles, or with roles that are not a list is missingRole', async () => {
    for (const roles of [undefined, [], ['Longrun.Reader'], 'Longrun.Caller', [ROLE.toLowerCase()]]) {
      assert.deepEqual(await verifier.check(`Bearer ${await valid({ roles })}`), { kind: 'missingRole', role: ROLE }, JSON.stringify(roles));
    }
  });

  test('an audience given as the App ID URI matches a token whose aud is exactly that', async () => {
    const byClientId = make({ audience: '6f1c0b2e-0000-4000-8000-000000000001' });
    assert.equal((await byClientId.check(`Bearer ${await valid()}`))?.kind, 'invalidToken');
    assert.equal(await byClientId.check(`Bearer ${await valid({ audience: '6f1c0b2e-0000-4000-8000-000000000001' })}`), undefined);
  });

  test('keys that cannot be fetched are keysUnavailable, not a verdict on the token', async () => {
    const down = new EntraTokenVerifier({
      issuer: ISSUER,
      audience: AUDIENCE,
      role: ROLE,
      keys: { forKid: () => Promise.reject(new IssuerKeysUnavailable('the key set answered 503')) },
    });
    assert.deepEqual(await down.check(`Bearer ${await valid()}`), { kind: 'keysUnavailable', reason: 'the key set answered 503' });
  });
});
