import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page, Route } from 'playwright-core';
import { startApp, type RunningApp } from '../../support/startApp';
import { chromiumMissing, launchChromium, type Browser } from '../../support/launchChromium';
import { toJobId } from '../../support/longrunHost';
import { newSigningKey, signToken, startTestIssuer, type SigningKey, type TestIssuer } from '../../support/testIssuer';

const AUDIENCE = 'api://longrun-console-e2e';
const ROLE = 'Longrun.Caller';
const missing = chromiumMissing();

/**
 * Entra mode in the browser. App Service Authentication is not on the stand-in host, so its
 * `/.auth/me` (the token store, "Work with OAuth tokens in Azure App Service authentication") is
 * answered by the test: signed out (401), then with the access token a sign-in would have stored,
 * issued by a test issuer the app trusts. The app checks that token as it checks every caller.
 */
describe('the operations console in Entra mode (App Service Authentication token store stood in)', { skip: missing }, () => {
  let issuer: TestIssuer;
  let signing: SigningKey;
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let signedIn = false;
  const tokenStoreCalls: string[] = [];
  const authorizations: (string | undefined)[] = [];

  before(async () => {
    signing = await newSigningKey('kid-console');
    issuer = await startTestIssuer([signing]);
    [app, browser] = await Promise.all([
      startApp({ LONGRUN_AUTH: 'entra', LONGRUN_ENTRA_ISSUER: issuer.issuer, LONGRUN_ENTRA_AUDIENCE: AUDIENCE }),
      launchChromium(),
    ]);
    page = await browser.context.newPage();
    const token = await signToken(signing, { issuer: issuer.issuer, audience: AUDIENCE, roles: [ROLE] });
    await page.route(/\/\.auth\/(me|refresh)$/, (route: Route) => {
      tokenStoreCalls.push(new URL(route.request().url()).pathname);
      if (!signedIn) return route.fulfill({ status: 401, body: '' });
      const expires = new Date(Date.now() + 3_600_000).toISOString();
      return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify([{ provider_name: 'aad', access_token: token, expires_on: expires, user_id: 'operator@example.org' }]) });
    });
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/manage/')) authorizations.push(request.headers().authorization);
    });
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
    await issuer?.stop();
  });

  test('signed out, the page links to /.auth/login/aad back to the console and shows no data', async () => {
    await page.goto(`${app.baseUrl}/api/console`);
    const link = page.getByRole('link', { name: 'Sign in with Microsoft Entra ID' });
    await link.waitFor();
    assert.equal(await link.getAttribute('href'), '/.auth/login/aad?post_login_redirect_uri=%2Fapi%2Fconsole');
    assert.equal(await page.locator('table').count(), 0);
    assert.deepEqual(authorizations, [], 'no management request before sign-in');
  });

  test('signed in, the token store access token goes out as a bearer token and the app lists a job started just before', async () => {
    const token = await signToken(signing, { issuer: issuer.issuer, audience: AUDIENCE, roles: [ROLE] });
    const started = await fetch(`${app.baseUrl}/api/jobs/bake`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ flavor: 'lemon', minutes: 0 }),
    });
    assert.equal(started.status, 202);
    const id = toJobId(started.headers.get('location') ?? '');
    signedIn = true;
    await page.reload();
    await page.getByRole('link', { name: id }).waitFor({ timeout: 10_000 });
    assert.ok(tokenStoreCalls.includes('/.auth/me'));
    assert.ok(authorizations.length > 0 && authorizations.every((a) => /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/.test(a ?? '')), 'every management request carries the bearer token');
  });
});
