import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startAzurite, type Azurite } from '../../support/azurite';
import { spawnLongrunHost, toJobId } from '../../support/longrunHost';
import type { SpawnedHost } from '../../support/spawnHost';
import { JobTable } from '../../support/JobTable';
import { pollUntil } from '../../support/pollUntil';

const MINUTES = 12;
// A short lease: the message of the killed host's invocation becomes visible again after 2 s.
const HOST_ENV = { LONGRUN_HOST_QUEUE_LEASE_SECONDS: '2' };

describe('a job resumes from its last checkpoint after its host is killed (stand-in host)', () => {
  let azurite: Azurite;
  let hostA: SpawnedHost | undefined;
  let hostB: SpawnedHost | undefined;

  before(async () => {
    azurite = await startAzurite();
  });

  after(async () => {
    hostA?.kill();
    await hostB?.stop();
    await azurite?.stop();
  });

  test('a bake killed mid-run on host A completes on host B with exactly one checkpoint per minute', async () => {
    const table = new JobTable(azurite.connectionString);
    hostA = await spawnLongrunHost({ connectionString: azurite.connectionString, env: HOST_ENV });
    const started = await fetch(`${hostA.baseUrl}/api/jobs/bake`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ flavor: 'vanilla', minutes: MINUTES, secondsPerMinute: 0.4 }),
    });
    assert.equal(started.status, 202);
    const statusUrl = started.headers.get('location') ?? '';
    const id = toJobId(statusUrl);

    let last: any;
    await pollUntil(
      async () => {
        const response = await fetch(statusUrl);
        last = await response.json();
        return response.status === 202 && (last.progress ?? 0) >= 25 ? last : undefined;
      },
      { timeoutMs: 30_000, what: 'progress of 25 or more on host A' },
      () => JSON.stringify(last),
    );
    hostA.kill();
    await pollUntil(() => (hostA?.process.signalCode === 'SIGKILL' ? true : undefined), { timeoutMs: 5000, what: 'host A to die' });
    const atCrash = await table.get(id);
    assert.ok(atCrash, 'the row exists');
    assert.equal(atCrash.status, 'running', 'host A died before the job ended');
    assert.ok(atCrash.step >= 3 && atCrash.step < MINUTES, `step at the crash: ${atCrash.step}`);

    hostB = await spawnLongrunHost({ connectionString: azurite.connectionString, env: HOST_ENV });
    const final = await pollUntil(
      async () => {
        const response = await fetch(statusUrl.replace(hostA?.baseUrl ?? '', hostB?.baseUrl ?? ''));
        return response.status === 202 ? undefined : { status: response.status, body: (await response.json()) as any };
      },
      { timeoutMs: 60_000, what: 'the job to end on host B' },
    );
    assert.equal(final.status, 200, JSON.stringify(final.body));
    assert.equal(final.body.status, 'succeeded');
    assert.equal(final.body.result.minutes, MINUTES);

    // Why this proves resumption: every checkpoint adds 1 to `step` in the same conditional write
    // that saves the state `{ baked }`, so `step` counts checkpoints ever written for the job. A
    // bake checkpoints once per minute baked. Host A wrote atCrash.step (>= 3) of them before the
    // kill; had host B started over from minute 0 it would have written all 12 again, ending at
    // atCrash.step + 12 > 12. Exactly 12 means host B baked only the minutes host A had not.
    const row = await table.get(id);
    assert.equal(row?.step, MINUTES);
    assert.match(hostB.output(), new RegExp(`\\[jobsWorker\\] job\\.ran \\{"jobId":"${id}","kind":"bake","outcome":"succeeded"\\}`));
    assert.doesNotMatch(hostA.output(), new RegExp(`"jobId":"${id}","kind":"bake","outcome":"succeeded"`));
  });

  test('a bake longer than its time slice continues in the next invocation from its checkpoint', async () => {
    // Its own storage: the hosts of the other test must not take this job's continuation messages.
    const storage = await startAzurite();
    const host = await spawnLongrunHost({ connectionString: storage.connectionString, env: { LONGRUN_JOB_SLICE_SECONDS: '1' } });
    try {
      const started = await fetch(`${host.baseUrl}/api/jobs/bake`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ flavor: 'lemon', minutes: 8, secondsPerMinute: 0.4 }),
      });
      const statusUrl = started.headers.get('location') ?? '';
      const id = toJobId(statusUrl);
      const final = await pollUntil(
        async () => {
          const response = await fetch(statusUrl);
          return response.status === 202 ? undefined : { status: response.status, body: (await response.json()) as any };
        },
        { timeoutMs: 60_000, what: 'the sliced bake to end' },
      );
      assert.equal(final.status, 200, JSON.stringify(final.body));
      assert.equal(final.body.result.minutes, 8);
      // Several invocations (3.2 s of baking in 1 s slices), and still one checkpoint per minute.
      const continued = host.output().split('\n').filter((line) => line === `[jobsWorker] job.ran {"jobId":"${id}","outcome":"continued"}`);
      assert.ok(continued.length >= 2, `continued ${continued.length} times`);
      assert.equal((await new JobTable(storage.connectionString).get(id))?.step, 8);
    } finally {
      await host.stop();
      await storage.stop();
    }
  });
});
