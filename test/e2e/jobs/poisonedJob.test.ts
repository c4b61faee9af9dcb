import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { useApp } from '../../support/startApp';
import { REPO_ROOT, toJobId } from '../../support/longrunHost';
import { JobTable } from '../../support/JobTable';
import { runAsyncAction } from '../../engine/runAsyncAction';
import type { EngineLogEntry } from '../../engine/EngineOptions';
import { isRetriableStatus } from '../../engine/retryPolicy';
import { JOB_PROBLEM_TYPES } from '../../../shared/http/toJobResponse';

// An app embedding Longrun's functions with kinds that always fail; app.host.json: maxDequeueCount 3,
// visibilityTimeout 1 s.
const FIXTURE_APP = join(REPO_ROOT, 'test', 'e2e', 'fixtures', 'app');
const MAX_DEQUEUE_COUNT = 3;
const FUNCTION_KEY = 'e2e-function-key-failures';

describe('failed jobs (stand-in host, fixture app, function keys enforced)', () => {
  const app = useApp({ LONGRUN_HOST_FUNCTION_KEY: FUNCTION_KEY }, FIXTURE_APP);
  /** The start of a job of `kind` as the workflow's HTTP action sends it, with the connection's key. */
  const request = (kind: string, headers: Record<string, string> = {}) => ({
    method: 'POST',
    url: `${app.host.baseUrl}/api/jobs/${kind}`,
    headers: { 'content-type': 'application/json', 'x-functions-key': FUNCTION_KEY, ...headers },
    body: '{}',
  });

  test('a worker that always throws ends the job failed with 424 after maxDequeueCount attempts; the engine fails the action on the first poll that sees it', async () => {
    const log: EngineLogEntry[] = [];
    const action = await runAsyncAction(request('always-throws'), { timeScale: 0.05, timeoutMs: 60_000, log });

    // The engine sees the failure on the status URL and fails the action with it, without retrying.
    assert.equal(action.status, 'Failed');
    assert.equal(action.code, 424);
    assert.equal(log.filter((entry) => entry.status === 424).length, 1, JSON.stringify(log.map((e) => e.status)));
    assert.equal(log.at(-1)?.status, 424);
    assert.ok(!log.some((entry) => isRetriableStatus(entry.status)), 'no answer the engine retries');
    const statusUrl = log.find((entry) => entry.method === 'GET')?.url ?? '';
    const id = toJobId(statusUrl);
    const response = await fetch(statusUrl);
    assert.equal(response.status, 424);
    assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const problem = (await response.json()) as any;
    assert.equal(problem.status, 424);
    assert.equal(problem.type, JOB_PROBLEM_TYPES.unexpected);
    assert.match(problem.detail, /Last error: Error: boom/);
    assert.equal(problem.job?.status, 'failed');

    // The host really made maxDequeueCount attempts, then moved the message to jobs-poison.
    const attempts = [...app.host.output().matchAll(/\[jobsWorker\] error: Executed with an error \(message [^,]+, dequeueCount (\d+)\): boom/g)].map((m) => Number(m[1]));
    assert.deepEqual(attempts, [1, 2, 3]);
    assert.match(app.host.output(), new RegExp(`\\[jobsPoison\\] warning: job\\.poisoned \\{"queue":"jobs","jobId":"${id}","kind":"always-throws",.*"status":"failed"\\}`));
    const row = await new JobTable(app.azurite.connectionString).get(id);
    assert.equal(row?.status, 'failed');
    // The detail names the attempts the host made: this app's app.host.json says 3.
    assert.match(problem.detail, new RegExp(`failed ${MAX_DEQUEUE_COUNT} times`));
  });

  test("a kind's own 429 answers 422 on the status URL, with the kind's problem type, distinct from the unexpected one", async () => {
    const action = await runAsyncAction(request('refuses-busy'), { timeScale: 0.05, timeoutMs: 60_000 });
    assert.equal(action.status, 'Failed');
    assert.equal(action.code, 422);
    assert.deepEqual(action.polls.filter((code) => code !== 202), [422], 'one final poll');
    const problem = action.body as any;
    assert.equal(problem.type, JOB_PROBLEM_TYPES.kind);
    assert.notEqual(problem.type, JOB_PROBLEM_TYPES.unexpected);
    assert.equal(problem.title, 'Upstream busy');
    assert.equal(problem.job.error.status, 422);
  });

  test('under Prefer: wait, a start whose job fails within the wait answers 424 or 422 with Location, sent once, never 408, 429 or 5xx', async () => {
    for (const [kind, expected] of [['always-throws', 424], ['refuses-busy', 422]] as const) {
      const log: EngineLogEntry[] = [];
      const action = await runAsyncAction(request(kind, { prefer: 'wait=30' }), { timeScale: 0.05, timeoutMs: 60_000, log });
      assert.equal(action.code, expected, `${kind}: ${JSON.stringify(log)}`);
      assert.equal(action.status, 'Failed');
      assert.deepEqual(log.map((entry) => entry.method), ['POST'], 'the start was sent once: no retry, so no second job');
      assert.match(action.headers.get('location') ?? '', new RegExp(`^${app.host.baseUrl}/api/jobs/[0-9a-f]{32}\\?token=`));
      assert.equal((action.body as any).job.status, 'failed');
    }
  });
});
