import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { useApp } from '../../support/startApp';
import { REPO_ROOT, toJobId } from '../../support/longrunHost';
import { JobTable } from '../../support/JobTable';
import { runAsyncAction } from '../../engine/runAsyncAction';
import type { EngineLogEntry } from '../../engine/EngineOptions';

// An app embedding Longrun's functions with a kind that always throws; app.host.json: maxDequeueCount 3,
// visibilityTimeout 1 s.
const FIXTURE_APP = join(REPO_ROOT, 'test', 'e2e', 'fixtures', 'app');
const MAX_DEQUEUE_COUNT = 3;

describe('a job whose worker always throws (stand-in host, fixture app)', () => {
  const app = useApp({}, FIXTURE_APP);

  test('ends failed with 500 after maxDequeueCount attempts; the status URL names the attempts and the last error', async () => {
    const log: EngineLogEntry[] = [];
    const action = await runAsyncAction(
      { method: 'POST', url: `${app.host.baseUrl}/api/jobs/always-throws`, headers: { 'content-type': 'application/json' }, body: '{}' },
      { timeScale: 0.05, timeoutMs: 60_000, log },
    );

    // The engine sees the failure on the status URL and fails the action with it.
    assert.equal(action.status, 'Failed');
    assert.equal(action.code, 500);
    const statusUrl = log.find((entry) => entry.method === 'GET')?.url ?? '';
    const id = toJobId(statusUrl);
    const response = await fetch(statusUrl);
    assert.equal(response.status, 500);
    assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const problem = (await response.json()) as any;
    assert.equal(problem.status, 500);
    assert.match(problem.detail, /Last error: Error: boom/);
    assert.equal(problem.job?.status, 'failed');

    // The host really made maxDequeueCount attempts, then moved the message to jobs-poison.
    const attempts = [...app.host.output().matchAll(/\[jobsWorker\] error: Executed with an error \(message [^,]+, dequeueCount (\d+)\): boom/g)].map((m) => Number(m[1]));
    assert.deepEqual(attempts, [1, 2, 3]);
    assert.match(app.host.output(), new RegExp(`\\[jobsPoison\\] warning: job ${id}: poisoned, failed`));
    const row = await new JobTable(app.azurite.connectionString).get(id);
    assert.equal(row?.status, 'failed');
    // The detail names the attempts the host made: this app's app.host.json says 3.
    assert.match(problem.detail, new RegExp(`failed ${MAX_DEQUEUE_COUNT} times`));
  });
});
