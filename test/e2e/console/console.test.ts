import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startApp, REPO_ROOT, type RunningApp } from '../../support/startApp';
import { chromiumMissing, launchChromium, type Browser } from '../../support/launchChromium';
import { runAxe } from '../../support/runAxe';
import { toJobId } from '../../support/longrunHost';
import { pollUntil } from '../../support/pollUntil';
import { CallbackReceiver } from '../../engine/CallbackReceiver';
import { MARKUP, serveContractApi, type SeenRequest } from './contractApi';

const FUNCTION_KEY = 'e2e-function-key-console';
const missing = chromiumMissing();
// `LONGRUN_CONSOLE_SCREENSHOTS=1 node dist/test/run.js e2e/console` writes docs/console-*.png.
const screenshots = process.env.LONGRUN_CONSOLE_SCREENSHOTS === '1';

/** Console errors and uncaught page errors, collected per page. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} ${new URL(response.url()).pathname}`);
  });
  return errors;
}

/**
 * Waits until an expression is true in the page. page.evaluate goes through the DevTools protocol,
 * which the console's CSP does not govern (page.waitForFunction would eval inside the page, which
 * the policy rightly refuses).
 */
async function until(page: Page, expression: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function noSeriousViolation(page: Page, where: string): Promise<void> {
  const all = await runAxe(page);
  // Lesser findings are reported, not failed: the check's result is in the test output.
  console.log(`axe ${where}: ${all.length === 0 ? 'no violation' : all.map((v) => `${v.id} (${v.impact}, ${v.nodes})`).join(', ')}`);
  const violations = all.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(violations, [], `${where}: axe found ${JSON.stringify(violations)}`);
}

async function capture(page: Page, name: string): Promise<void> {
  if (!screenshots) return;
  mkdirSync(join(REPO_ROOT, 'docs'), { recursive: true });
  await page.screenshot({ path: join(REPO_ROOT, 'docs', `console-${name}.png`), fullPage: true });
}

describe('the operations console in headless Chromium (stand-in host, function keys enforced)', { skip: missing }, () => {
  let app: RunningApp;
  let browser: Browser;
  before(async () => {
    // Two attempts a second apart and a delivery is dead: the dead-letter test needs no long wait.
    [app, browser] = await Promise.all([startApp({ LONGRUN_HOST_FUNCTION_KEY: FUNCTION_KEY, LONGRUN_DELIVERY_SCHEDULE_SECONDS: '0,1' }), launchChromium()]);
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });
  const consoleUrl = (): string => `${app.baseUrl}/api/console`;

  test('the page is anonymous, holds no data and carries a strict Content-Security-Policy, nosniff and no-referrer; so do its script and style', async () => {
    const page = await fetch(consoleUrl());
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
    const html = await page.text();
    assert.doesNotMatch(html, /<script>|<style>|\son\w+=/i, 'no inline script, style or handler');
    assert.match(html, /<meta name="longrun-auth" content="key">/);
    for (const [file, type] of [['console.js', 'text/javascript'], ['console.css', 'text/css']] as const) {
      const asset = await fetch(`${consoleUrl()}/${file}`);
      assert.equal(asset.status, 200, file);
      assert.match(asset.headers.get('content-type') ?? '', new RegExp(`^${type}`));
      assert.equal(asset.headers.get('x-content-type-options'), 'nosniff');
      const again = await fetch(`${consoleUrl()}/${file}`, { headers: { 'if-none-match': asset.headers.get('etag') ?? '' } });
      assert.equal(again.status, 304, `${file} revalidates by ETag`);
    }
    assert.equal((await fetch(`${consoleUrl()}/index.html`)).status, 404);
    assert.equal((await fetch(`${consoleUrl()}/..%2Fhost.json`)).status, 404);
  });

  test('without a key the page asks for one, shows no data and calls no management route', async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(consoleUrl());
    await page.getByRole('textbox', { name: 'Function key' }).waitFor();
    await page.waitForTimeout(500);
    assert.equal(await page.locator('table').count(), 0);
    assert.deepEqual(requested.filter((url) => url.includes('/api/manage/') || url.endsWith('/api/health')), []);
    await noSeriousViolation(page, 'key prompt');
    assert.deepEqual(errors, []);
    await page.close();
  });

  describe('against the management API of the contract (answered by the test, data full of markup)', () => {
    let page: Page;
    let seen: SeenRequest[];
    let errors: string[];
    before(async () => {
      page = await browser.context.newPage();
      errors = watchErrors(page);
      seen = await serveContractApi(page, FUNCTION_KEY);
    });
    after(async () => {
      await page.unrouteAll({ behavior: 'ignoreErrors' });
      await page.close();
    });
    const xss = (): Promise<unknown> => page.evaluate('window.__xss');

    test('a key in the fragment is taken, leaves the address bar at once, and goes out only as x-functions-key', async () => {
      await page.goto(`${consoleUrl()}#key=${FUNCTION_KEY}`);
      await page.getByRole('table').waitFor();
      assert.equal(new URL(page.url()).hash, '');
      assert.ok(!page.url().includes(FUNCTION_KEY));
      const manage = seen.filter((r) => r.url.pathname.startsWith('/api/manage/'));
      assert.ok(manage.length > 0);
      for (const request of manage) {
        assert.equal(request.key, FUNCTION_KEY);
        assert.ok(!request.url.href.includes(FUNCTION_KEY), `no key in ${request.url.pathname}${request.url.search}`);
      }
      assert.equal(await page.evaluate("sessionStorage.getItem('longrun.functionKey')"), FUNCTION_KEY);
    });

    test('jobs are listed with a live progress bar and message; markup in a tracking id or message stays text', async () => {
      const row = page.getByRole('row', { name: /0190a1b2c3d4e5f60718293a4b5c6d7e/ });
      await row.getByRole('progressbar').waitFor();
      assert.equal(await row.getByRole('progressbar').getAttribute('value'), '40');
      assert.ok((await row.textContent())?.includes(MARKUP), 'the tracking id is shown as the text it is');
      assert.equal(await page.locator('main img, main script:not([src]), main svg').count(), 0);
      assert.equal(await xss(), undefined);
      await noSeriousViolation(page, 'jobs');
      await capture(page, 'jobs');
    });

    test('filters go to the API as its query, and the next page by skiptoken', async () => {
      await page.getByLabel('Status').selectOption('failed');
      await page.getByLabel('Client tracking id').fill('run-42');
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.getByRole('row', { name: /0190a1b2c3d4e5f60718293a4b5c6d80/ }).waitFor();
      await until(page, "document.querySelectorAll('tbody tr').length === 1");
      const last = seen.filter((r) => r.url.pathname === '/api/manage/jobs').at(-1);
      assert.equal(last?.url.searchParams.get('status'), 'failed');
      assert.equal(last?.url.searchParams.get('clientTrackingId'), 'run-42');
      await page.getByRole('button', { name: 'Older' }).click();
      await until(page, "document.querySelector('nav.pager button')?.disabled === false");
      assert.equal(seen.filter((r) => r.url.pathname === '/api/manage/jobs').at(-1)?.url.searchParams.get('skiptoken'), 'cGFnZTI');
    });

    test('a job shows its envelope, workflow, error as a problem body and result as inert text; Cancel cancels it', async () => {
      await page.goto(`${consoleUrl()}#/jobs/0190a1b2c3d4e5f60718293a4b5c6d7f`);
      await page.getByRole('heading', { name: 'Result' }).waitFor();
      assert.ok((await page.getByLabel('Result').textContent())?.includes('</pre><script>window.__xss=3</script>'));
      assert.equal(await page.getByRole('button', { name: 'Cancel job' }).isDisabled(), true, 'an ended job cannot be cancelled');
      await capture(page, 'job');
      await page.goto(`${consoleUrl()}#/jobs/0190a1b2c3d4e5f60718293a4b5c6d80`);
      await page.getByRole('heading', { name: 'Error' }).waitFor();
      assert.ok((await page.getByLabel('Error').textContent())?.includes('<script>window.__xss=2</script>'), 'the problem body, markup and all, as JSON text');
      await page.goto(`${consoleUrl()}#/jobs/0190a1b2c3d4e5f60718293a4b5c6d7e`);
      const cancel = page.getByRole('button', { name: 'Cancel job' });
      await until(page, "document.querySelector('main section > button')?.disabled === false");
      await cancel.click();
      await page.getByText('cancelled', { exact: true }).first().waitFor();
      assert.ok(seen.some((r) => r.method === 'POST' && r.url.pathname === '/api/manage/jobs/0190a1b2c3d4e5f60718293a4b5c6d7e/cancel'));
      assert.equal(await xss(), undefined);
      await noSeriousViolation(page, 'job');
    });

    test('a dead delivery shows its attempts and the receiver answer as text, and is replayed; a time range replay shows its progress and never its token', async () => {
      await page.goto(`${consoleUrl()}#/deliveries?state=dead`);
      const card = page.locator('[data-delivery="d1"]');
      await card.locator('summary').click();
      await card.getByRole('table').waitFor();
      assert.ok((await card.textContent())?.includes('<body onload="window.__xss=4">'));
      assert.ok((await card.textContent())?.includes('http5xx'));
      await noSeriousViolation(page, 'deliveries');
      await capture(page, 'deliveries');
      await page.getByRole('button', { name: 'Replay delivery d1' }).click();
      await page.getByText('Delivery d1 replayed.').waitFor();
      assert.ok(seen.some((r) => r.method === 'POST' && r.url.pathname === '/api/manage/deliveries/d1/replay'));
      await page.getByLabel('From').fill('2026-01-01T00:00');
      await page.getByLabel('Before').fill('2026-01-02T00:00');
      await page.getByRole('button', { name: 'Replay range' }).click();
      await page.getByText(/replay.*succeeded/i).waitFor();
      const replay = seen.find((r) => r.url.pathname === '/api/manage/replays');
      assert.deepEqual(Object.keys(replay?.body as object).sort(), ['from', 'to']);
      assert.ok(!(await page.content()).includes('REPLAY-TOKEN-SECRET'), 'the replay status URL token is never shown');
      assert.equal(await xss(), undefined);
    });

    test('hooks show health and why disabled, callback URLs without their query, re-enable and remove (asked twice)', async () => {
      await page.goto(`${consoleUrl()}#/hooks`);
      await page.getByLabel('Topic', { exact: true }).selectOption('order.created');
      await page.getByRole('button', { name: 'Show' }).click();
      const disabled = page.getByRole('row', { name: /h2/ });
      await disabled.waitFor();
      assert.ok((await disabled.textContent())?.includes('failed for 48 hours'));
      assert.ok(!(await page.content()).includes('SECRET-SIG-VALUE'), 'no query of a callback URL');
      await noSeriousViolation(page, 'hooks');
      await capture(page, 'hooks');
      await page.getByRole('button', { name: 'Enable hook h2' }).click();
      await page.getByText('Enable h2: done.').waitFor();
      await page.getByRole('button', { name: 'Remove hook h1' }).click();
      assert.equal(seen.filter((r) => r.method === 'DELETE').length, 0, 'one click only arms the removal');
      await page.getByRole('button', { name: 'Remove hook h1' }).click();
      await page.getByText('Remove h1: done.').waitFor();
      assert.ok(seen.some((r) => r.method === 'DELETE' && r.url.pathname === '/api/manage/hooks/order.created/h1'));
    });

    test('events show the latest of each topic with its data as text; the header shows health', async () => {
      await page.goto(`${consoleUrl()}#/events`);
      await page.getByRole('heading', { name: 'order.created' }).waitFor();
      await page.getByLabel('Data of event ev-order.created').waitFor();
      assert.ok((await page.getByLabel('Data of event ev-order.created').textContent())?.includes('<svg onload'));
      await page.getByText('Dead letters (last hour): 1').waitFor();
      assert.equal(await xss(), undefined);
      await noSeriousViolation(page, 'events');
      await capture(page, 'events');
      assert.deepEqual(errors, [], 'the browser console shows no error');
    });

    test('a hidden tab makes no request; showing it again refreshes at once', async () => {
      const setVisibility = (state: string): Promise<unknown> =>
        page.evaluate(`Object.defineProperty(document, 'visibilityState', { value: '${state}', configurable: true }); document.dispatchEvent(new Event('visibilitychange'))`);
      await setVisibility('hidden');
      const hiddenAt = seen.length;
      await page.waitForTimeout(4_000);
      assert.equal(seen.length, hiddenAt, 'no request while hidden');
      await setVisibility('visible');
      const deadline = Date.now() + 3_000;
      while (seen.length === hiddenAt && Date.now() < deadline) await page.waitForTimeout(100);
      assert.ok(seen.length > hiddenAt, 'a request as soon as the tab shows');
    });
  });
  describe("against the app's own management routes", () => {
    let page: Page;
    let errors: string[];
    const requested: string[] = [];
    const api = (path: string): string => `${app.baseUrl}/api/${path}`;
    const withKey = { 'x-functions-key': FUNCTION_KEY };
    /** A route the app does not serve answers the host's bare 404, not a problem+json. */
    const routeMissing = async (path: string): Promise<boolean> => {
      const response = await fetch(api(path), { headers: withKey });
      return response.status === 404 && !(response.headers.get('content-type') ?? '').includes('problem+json');
    };
    before(async () => {
      page = await browser.context.newPage();
      errors = watchErrors(page);
      page.on('request', (request) => requested.push(request.url()));
    });
    after(async () => {
      await page.close();
    });

    test('/api/console#key=… lists a job started just before within 10 s; the fragment is gone, a tracking id of markup stays text, the key is in no URL, no console error', async (t) => {
      if (await routeMissing('manage/jobs')) return t.skip('GET /api/manage/jobs is not served by this app yet');
      const trackingId = '<img src=x onerror=window.__xss=1>';
      const started = await fetch(api('jobs/bake'), {
        method: 'POST',
        headers: { ...withKey, 'content-type': 'application/json', 'x-ms-client-tracking-id': trackingId },
        body: JSON.stringify({ flavor: 'lemon', minutes: 0 }),
      });
      assert.equal(started.status, 202);
      const id = toJobId(started.headers.get('location') ?? '');
      await page.goto(`${consoleUrl()}#key=${encodeURIComponent(FUNCTION_KEY)}`);
      await page.getByRole('link', { name: id }).waitFor({ timeout: 10_000 });
      assert.equal(new URL(page.url()).hash, '', 'the fragment left the address bar');
      const row = page.getByRole('row', { name: new RegExp(id) });
      assert.ok((await row.textContent())?.includes(trackingId), 'the tracking id is shown as its text');
      assert.equal(await page.evaluate('window.__xss'), undefined);
      assert.deepEqual(requested.filter((url) => url.includes(FUNCTION_KEY)), [], 'the key is in no requested URL');
      await noSeriousViolation(page, 'jobs (real routes)');
      assert.deepEqual(errors, [], 'the browser console shows no error');
    });

    test('a running job opened from the list is cancelled with its Cancel button', async (t) => {
      if (await routeMissing('manage/jobs/00000000000000000000000000000000')) return t.skip('GET /api/manage/jobs/{id} is not served by this app yet');
      const started = await fetch(api('jobs/bake'), {
        method: 'POST',
        headers: { ...withKey, 'content-type': 'application/json' },
        body: JSON.stringify({ flavor: 'chocolate', minutes: 60, secondsPerMinute: 0.5 }),
      });
      assert.equal(started.status, 202);
      const id = toJobId(started.headers.get('location') ?? '');
      await page.goto(`${consoleUrl()}#/jobs`);
      await page.getByRole('link', { name: id }).click();
      await page.getByRole('heading', { name: 'Workflow' }).waitFor();
      await until(page, "document.querySelector('main section > button')?.disabled === false");
      await page.getByRole('button', { name: 'Cancel job' }).click();
      await page.getByText('cancelled', { exact: true }).first().waitFor({ timeout: 20_000 });
      const envelope = (await (await fetch(api(`manage/jobs/${id}`), { headers: withKey })).json()) as { status: string };
      assert.equal(envelope.status, 'cancelled');
      assert.deepEqual(errors, []);
    });

    test('a dead delivery shows the receiver answer as text and its Replay button delivers it again', async (t) => {
      if (await routeMissing('manage/deliveries')) return t.skip('GET /api/manage/deliveries is not served by this app yet');
      const receiver = await CallbackReceiver.start((n) => (n < 2 ? { status: 503, body: '<b onmouseover="window.__xss=7">busy</b>' } : { status: 200 }));
      try {
        const subscribed = await fetch(api('jobs/bake/subscribe'), {
          method: 'POST',
          headers: { ...withKey, 'content-type': 'application/json' },
          body: JSON.stringify({ callbackUrl: receiver.newCallbackUrl(), input: { flavor: 'lemon', minutes: 0 } }),
        });
        assert.equal(subscribed.status, 201);
        const dead = await pollUntil(
          async () => {
            const list = (await (await fetch(api('manage/deliveries?state=dead'), { headers: withKey })).json()) as { value: { id: string }[] };
            return list.value[0];
          },
          { timeoutMs: 30_000, what: 'a dead delivery' },
        );
        await page.goto(`${consoleUrl()}#/deliveries?state=dead`);
        const card = page.locator(`[data-delivery="${dead.id}"]`);
        await card.locator('summary').click();
        await card.getByRole('table').waitFor();
        assert.ok((await card.textContent())?.includes('<b onmouseover="window.__xss=7">busy</b>'));
        await page.getByRole('button', { name: `Replay delivery ${dead.id}` }).click();
        await receiver.waitForCalls(3, 20_000);
        assert.equal(await page.evaluate('window.__xss'), undefined);
        await noSeriousViolation(page, 'deliveries (real routes)');
        assert.deepEqual(errors, []);
      } finally {
        await receiver.stop();
      }
    });
  });
});
