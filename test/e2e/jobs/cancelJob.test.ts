import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useApp } from '../../support/startApp';
import { toJobId } from '../../support/longrunHost';
import { JobTable } from '../../support/JobTable';
import { pollUntil } from '../../support/pollUntil';
import { runAsyncAction } from '../../engine/runAsyncAction';
import type { EngineLogEntry } from '../../engine/EngineOptions';

const MINUTES = 30;
// Progress moves by 100/30 per minute baked, rounded: one step is at most this many points.
const ONE_STEP_POINTS = Math.ceil(100 / MINUTES);
// The connection's credential: the start needs it, the status and cancellation URLs must not.
const FUNCTION_KEY = 'e2e-function-key-cancel';

describe('cancel end to end (stand-in host, function keys enforced)', () => {
  const app = useApp({ LONGRUN_HOST_FUNCTION_KEY: FUNCTION_KEY });

  async function startBake(minutes: number, secondsPerMinute: number): Promise<string> {
    const started = await fetch(`${app.host.baseUrl}/api/jobs/bake`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-functions-key': FUNCTION_KEY },
      body: JSON.stringify({ flavor: 'chocolate', minutes, secondsPerMinute }),
    });
    assert.equal(started.status, 202);
    return started.headers.get('location') ?? '';
  }

  async function untilRunning(statusUrl: string): Promise<void> {
    let last: any;
    await pollUntil(
      async () => {
        last = await (await fetch(statusUrl)).json();
        return last.status === 'running' && (last.progress ?? 0) > 0 ? last : undefined;
      },
      { timeoutMs: 30_000, what: 'the bake to be running with progress' },
      () => JSON.stringify(last),
    );
  }

  test('an HTTP action that DELETEs the status URL of a running bake, followed as the engine follows it, ends Succeeded with the cancelled envelope', async () => {
    const statusUrl = await startBake(MINUTES, 0.3);
    await untilRunning(statusUrl);

    const log: EngineLogEntry[] = [];
    // No key: the status URL authorises itself, and so must the Location the engine then polls.
    const action = await runAsyncAction({ method: 'DELETE', url: statusUrl }, { timeScale: 0.2, timeoutMs: 60_000, log });

    assert.equal(action.status, 'Succeeded', `${action.code}: ${JSON.stringify(action.body)}`);
    assert.equal(action.code, 200);
    assert.equal((action.body as any).status, 'cancelled');
    assert.deepEqual(log[0] && { method: log[0].method, status: log[0].status }, { method: 'DELETE', status: 202 });
    const polls = log.slice(1);
    assert.ok(polls.length >= 1, 'the engine polled the Location');
    const id = toJobId(statusUrl);
    for (const poll of polls) {
      assert.equal(poll.method, 'GET');
      assert.equal(new URL(poll.url).pathname, `/api/jobs/${id}/cancellation`);
      assert.equal(new URL(poll.url).searchParams.get('code'), null);
    }
    assert.equal(polls.at(-1)?.status, 200);

    // The start's status URL still answers 409 for the cancelled job.
    const after = await fetch(statusUrl);
    assert.equal(after.status, 409);
    assert.equal(((await after.json()) as any).job.status, 'cancelled');
    // The cancellation URL with a wrong token is 404, as the status URL is.
    const wrong = new URL(polls[0]?.url ?? '');
    wrong.searchParams.set('token', 'x'.repeat(43));
    assert.equal((await fetch(wrong)).status, 404);
  });

  test('an HTTP action that DELETEs a job already ended ends Succeeded at once with 200 and its envelope', async () => {
    const statusUrl = await startBake(0, 0);
    await pollUntil(async () => ((await fetch(statusUrl)).status === 200 ? true : undefined), { timeoutMs: 30_000, what: 'the bake to succeed' });
    const log: EngineLogEntry[] = [];
    const action = await runAsyncAction({ method: 'DELETE', url: statusUrl }, { timeScale: 0.2, timeoutMs: 30_000, log });
    assert.equal(action.status, 'Succeeded');
    assert.equal(action.code, 200);
    assert.equal((action.body as any).status, 'succeeded');
    assert.equal(log.length, 1, 'no poll: the DELETE itself was final');
  });

  test('DELETE on a running bake ends it cancelled within one step; the status URL then answers 409 problem+json', async () => {
    const table = new JobTable(app.azurite.connectionString);
    const statusUrl = await startBake(MINUTES, 0.3);
    const id = toJobId(statusUrl);
    await untilRunning(statusUrl);

    const cancel = await fetch(statusUrl, { method: 'DELETE' });
    assert.equal(cancel.status, 202, 'the cancel is pending while the worker runs');
    const atCancel = (await cancel.json()) as any;
    const rowAtCancel = await table.get(id);
    assert.equal(rowAtCancel?.cancelRequested, true);

    const final = await pollUntil(
      async () => {
        const response = await fetch(statusUrl);
        return response.status === 202 ? undefined : { response, body: (await response.json()) as any };
      },
      { timeoutMs: 30_000, what: 'the cancelled job to end' },
    );
    assert.equal(final.response.status, 409);
    assert.match(final.response.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal(final.body.status, 409);
    assert.equal(final.body.job.status, 'cancelled');

    // Within one step: at most one more checkpoint after the cancel, and far from the end.
    const progressAfter = (final.body.job.progress as number) - (atCancel.progress as number);
    assert.ok(progressAfter >= 0 && progressAfter <= ONE_STEP_POINTS, `progress ${atCancel.progress} at cancel, ${final.body.job.progress} at the end`);
    const row = await table.get(id);
    assert.equal(row?.status, 'cancelled');
    const stepsAfter = (row?.step ?? 0) - (rowAtCancel?.step ?? 0);
    assert.ok(stepsAfter >= 0 && stepsAfter <= 1, `step ${rowAtCancel?.step} at cancel, ${row?.step} at the end`);
    assert.ok((row?.step ?? MINUTES) < MINUTES, 'the bake did not run to its end');

    // Cancel is idempotent: once terminal, DELETE answers 200 with the envelope.
    const again = await fetch(statusUrl, { method: 'DELETE' });
    assert.equal(again.status, 200);
    assert.equal(((await again.json()) as any).status, 'cancelled');
  });
});
