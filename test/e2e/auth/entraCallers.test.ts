import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startApp, REPO_ROOT, type RunningApp } from '../../support/startApp';
import { spawnHost } from '../../support/spawnHost';
import { pollUntil } from '../../support/pollUntil';
import { newSigningKey, signToken, startTestIssuer, type SigningKey, type TestIssuer } from '../../support/testIssuer';
import { runAsyncAction } from '../../engine/runAsyncAction';
import type { EngineLogEntry } from '../../engine/EngineOptions';

const AUDIENCE = 'api://longrun-e2e';
const ROLE = 'Longrun.Caller';
// Enforced by the host on routes registered authLevel function: in entra mode the management
// routes are anonymous at the host, so this key neither lets a caller in nor is needed.
const FUNCTION_KEY = 'e2e-function-key-entra';

describe('Entra ID callers end to end (LONGRUN_AUTH=entra, stand-in host, a token issuer on loopback)', () => {
  let issuer: TestIssuer;
  let app: RunningApp;
  let signing: SigningKey;

  before(async () => {
    signing = await newSigningKey('kid-1');
    issuer = await startTestIssuer([signing]);
    // The issuer is reached through the outbound client's address policy: loopback and http are
    // allowed here as for local callbacks; in Azure the issuer is login.microsoftonline.com over https.
    app = await startApp({
      LONGRUN_AUTH: 'entra',
      LONGRUN_ENTRA_ISSUER: issuer.issuer,
      LONGRUN_ENTRA_AUDIENCE: AUDIENCE,
      LONGRUN_HOST_FUNCTION_KEY: FUNCTION_KEY,
      LONGRUN_CALLBACK_HTTPS_ONLY: 'false',
      LONGRUN_CALLBACK_ALLOWED_NETWORKS: '127.0.0.0/8',
    });
  });
  after(async () => {
    await app?.stop();
    await issuer?.stop();
  });

  const api = (path: string): string => `${app.baseUrl}/api/${path}`;
  const token = (claims: Partial<Parameters<typeof signToken>[1]> = {}, key = signing): Promise<string> =>
    signToken(key, { issuer: issuer.issuer, audience: AUDIENCE, roles: [ROLE], ...claims });
  const startBake = (headers: Record<string, string>, minutes = 0, secondsPerMinute = 0): Promise<Response> =>
    fetch(api('jobs/bake'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ flavor: 'lemon', minutes, secondsPerMinute }),
    });

  async function refused(response: Response, status: number): Promise<{ challenge: string; body: any }> {
    const body = (await response.json()) as any;
    assert.equal(response.status, status, JSON.stringify(body));
    assert.equal(response.headers.get('content-type'), 'application/problem+json');
    assert.equal(body.status, status);
    return { challenge: response.headers.get('www-authenticate') ?? '', body };
  }

  test('a valid token with the role starts a job (202) without the function key, and the engine polls the status URL without any token to 200', async () => {
    const log: EngineLogEntry[] = [];
    const action = await runAsyncAction(
      { method: 'POST', url: api('jobs/bake'), headers: { 'content-type': 'application/json', authorization: `Bearer ${await token()}` }, body: JSON.stringify({ flavor: 'lemon', minutes: 0 }) },
      { timeScale: 0.05, timeoutMs: 60_000, log },
    );
    assert.equal(action.status, 'Succeeded', `${action.code}: ${JSON.stringify(action.body)}`);
    assert.equal(action.code, 200);
    assert.equal((action.body as any).result.flavor, 'lemon');
    assert.deepEqual(log[0] && { method: log[0].method, status: log[0].status }, { method: 'POST', status: 202 });
    assert.ok(log.slice(1).every((poll) => poll.method === 'GET' && /^\/api\/jobs\/[0-9a-f]{32}$/.test(new URL(poll.url).pathname)));
    assert.deepEqual(issuer.fetches, { metadata: 1, jwks: 1 }, 'the keys were discovered and fetched once');
  });

  test('no token is 401 problem+json with WWW-Authenticate: Bearer, even with a valid function key', async () => {
    const cases: Record<string, string>[] = [{}, { 'x-functions-key': FUNCTION_KEY }, { authorization: 'Basic dXNlcjpwYXNz' }];
    for (const headers of cases) {
      const { challenge } = await refused(await startBake(headers), 401);
      assert.equal(challenge, 'Bearer', JSON.stringify(headers));
    }
  });

  test('a bad signature, another audience, another issuer and an expired token each get 401 invalid_token', async () => {
    const impostor = await newSigningKey(signing.kid);
    const cases: [string, string][] = [
      ['a bad signature', await token({}, impostor)],
      ['another audience', await token({ audience: 'api://someone-else' })],
      ['another issuer', await token({ issuer: `${issuer.issuer.replace('tenant-1', 'tenant-2')}` })],
      ['an expired token', await token({ expiresIn: -3600 })],
    ];
    for (const [what, bad] of cases) {
      const { challenge, body } = await refused(await startBake({ authorization: `Bearer ${bad}` }), 401);
      assert.match(challenge, /^Bearer error="invalid_token"/, what);
      assert.doesNotMatch(JSON.stringify(body), new RegExp(bad.slice(-20).replace(/[-/\\^$*+?.()|[\]{}]/g, '\\$&')), `${what}: the token is not echoed`);
    }
  });

  test('a valid token without the role gets 403 problem+json', async () => {
    for (const roles of [undefined, ['Longrun.Reader']]) {
      const { body } = await refused(await startBake({ authorization: `Bearer ${await token({ roles })}` }), 403);
      assert.match(body.detail, /Longrun\.Caller/);
    }
  });

  test('every management route checks the token; /health and /openapi.json stay anonymous, the definition asking for Entra sign-in', async () => {
    const management: [string, string][] = [
      ['POST', 'jobs/bake/subscribe'],
      ['POST', 'jobs/bake/unsubscribe'],
      ['POST', 'events/order.created'],
      ['GET', 'triggers/order.created'],
      ['POST', 'hooks/order.created'],
      ['POST', 'hooks/order.created/unsubscribe'],
      ['POST', 'deliveries/some-delivery/replay'],
      ['GET', 'manage/jobs'],
      ['GET', `manage/jobs/${'0'.repeat(32)}`],
      ['GET', `manage/jobs/${'0'.repeat(32)}/result`],
      ['POST', `manage/jobs/${'0'.repeat(32)}/cancel`],
    ];
    for (const [method, path] of management) {
      const response = await fetch(api(path), { method, headers: { 'x-functions-key': FUNCTION_KEY } });
      assert.equal(response.status, 401, `${method} ${path}`);
      assert.equal(response.headers.get('www-authenticate'), 'Bearer');
      await response.arrayBuffer();
    }
    assert.equal((await fetch(api('health'))).status, 200);
    const definition = (await (await fetch(api('openapi.json'))).json()) as any;
    assert.deepEqual(Object.keys(definition.securityDefinitions), ['oauth2-auth']);
  });

  test('the status and cancellation URLs work without any token: a running bake is cancelled as the engine follows the cancel', async () => {
    const started = await startBake({ authorization: `Bearer ${await token()}` }, 30, 0.3);
    assert.equal(started.status, 202);
    const statusUrl = started.headers.get('location') ?? '';
    await started.arrayBuffer();
    await pollUntil(async () => ((await (await fetch(statusUrl)).json()) as any).status === 'running' || undefined, { timeoutMs: 30_000, what: 'the bake to run' });
    const log: EngineLogEntry[] = [];
    const action = await runAsyncAction({ method: 'DELETE', url: statusUrl }, { timeScale: 0.2, timeoutMs: 60_000, log });
    assert.equal(action.status, 'Succeeded', `${action.code}: ${JSON.stringify(action.body)}`);
    assert.equal((action.body as any).status, 'cancelled');
    assert.ok(log.slice(1).length >= 1 && log.slice(1).every((poll) => new URL(poll.url).pathname.endsWith('/cancellation')), 'the cancellation URL was polled');
  });

  test('the polling trigger’s Location and a hook’s DELETE Location authorise themselves without a token', async () => {
    const bearer = { authorization: `Bearer ${await token()}` };
    const first = await fetch(api('triggers/order.created'), { headers: bearer });
    assert.equal(first.status, 202);
    const next = first.headers.get('location') ?? '';
    assert.match(new URL(next).pathname, /\/next$/);
    assert.equal((await fetch(next)).status, 202);

    const subscribed = await fetch(api('hooks/order.created'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer },
      body: JSON.stringify({ callbackUrl: 'http://127.0.0.1:9/hook' }),
    });
    assert.equal(subscribed.status, 201);
    assert.equal((await fetch(subscribed.headers.get('location') ?? '', { method: 'DELETE' })).status, 200);
  });

  test('a key rotated at the issuer (new kid) is accepted after exactly one more fetch of the keys; a made-up kid right after fetches nothing', async () => {
    assert.equal(issuer.fetches.jwks, 1, 'nothing so far named an unknown kid');
    const rotated = await newSigningKey('kid-2');
    issuer.keys = [rotated];
    const started = await startBake({ authorization: `Bearer ${await token({}, rotated)}` });
    assert.equal(started.status, 202, await started.text());
    assert.equal(issuer.fetches.jwks, 2);

    const madeUp = await newSigningKey('kid-made-up');
    await refused(await startBake({ authorization: `Bearer ${await token({}, madeUp)}` }), 401);
    assert.equal(issuer.fetches.jwks, 2, 'within the floor, an unknown kid does not reach the issuer');
    signing = rotated;
  });
});

describe('Entra ID callers: a missing setting stops the app at start', () => {
  test('LONGRUN_AUTH=entra without LONGRUN_ENTRA_ISSUER: the host refuses to start, naming the setting', async () => {
    await assert.rejects(
      spawnHost({ appRoot: REPO_ROOT, env: { AzureWebJobsStorage: 'UseDevelopmentStorage=true', LONGRUN_AUTH: 'entra', LONGRUN_ENTRA_AUDIENCE: AUDIENCE, LONGRUN_ENTRA_ISSUER: '' } }),
      (error: Error) => {
        assert.match(error.message, /LONGRUN_ENTRA_ISSUER is invalid: required when LONGRUN_AUTH is entra/);
        return true;
      },
    );
  });
});
