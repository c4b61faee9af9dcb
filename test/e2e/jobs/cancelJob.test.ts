import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useApp } from '../../support/startApp';
import { toJobId } from '../../support/longrunHost';
import { JobTable } from '../../support/JobTable';
import { pollUntil } from '../../support/pollUntil';

const MINUTES = 30;
// Progress moves by 100/30 per minute baked, rounded: one step is at most this many points.
const ONE_STEP_POINTS = Math.ceil(100 / MINUTES);

describe('cancel end to end (stand-in host)', () => {
  const app = useApp();

  test('DELETE on a running bake ends it cancelled within one step; the status URL then answers 409 problem+json', async () => {
    const table = new JobTable(app.azurite.connectionString);
    const started = await fetch(`${app.host.baseUrl}/api/jobs/bake`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ flavor: 'chocolate', minutes: MINUTES, secondsPerMinute: 0.3 }),
    });
    assert.equal(started.status, 202);
    const statusUrl = started.headers.get('location') ?? '';
    const id = toJobId(statusUrl);
    let last: any;
    await pollUntil(
      async () => {
        last = await (await fetch(statusUrl)).json();
        return last.status === 'running' && (last.progress ?? 0) > 0 ? last : undefined;
      },
      { timeoutMs: 30_000, what: 'the bake to be running with progress' },
      () => JSON.stringify(last),
    );

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
