import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { useApp } from '../../support/startApp';
import { JobTable } from '../../support/JobTable';
import { pollUntil } from '../../support/pollUntil';
import { buildReconcileDataset } from '../../support/reconcileDataset';

const PURGED = /\[retention\] retention\.ran \{"purgedJobs":(\d+),/g;

describe('retention end to end (stand-in host, the retention timer through the admin endpoint)', () => {
  const app = useApp({ LONGRUN_RETENTION_DAYS: '1' });
  let table: JobTable;
  before(() => {
    table = new JobTable(app.azurite.connectionString);
  });

  /** A reconcile big enough that its input, result and scratch runs live in blobs; resolves once it succeeded, with its blobs' names. */
  async function finishedJob(seed: number): Promise<{ id: string; statusUrl: string; blobs: string[] }> {
    const response = await fetch(`${app.host.baseUrl}/api/jobs/reconcile`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', prefer: 'wait=30' },
      body: JSON.stringify(buildReconcileDataset({ seed, keys: 3000 })),
    });
    const body = (await response.json()) as any;
    assert.equal(response.status, 200, JSON.stringify(body).slice(0, 300));
    const blobs = await table.blobNames(body.id);
    // Its scratch runs were deleted when it ended: the input and the result are left.
    assert.equal(blobs.length, 2, blobs.join(', '));
    assert.match(blobs[0] ?? '', new RegExp(`^jobs/${body.id}/input-[\\w-]+\\.json$`));
    assert.match(blobs[1] ?? '', new RegExp(`^jobs/${body.id}/result-[0-9a-f]+\\.json$`));
    return { id: body.id, statusUrl: response.headers.get('location') ?? '', blobs };
  }

  /** Runs the timer function once and resolves with how many jobs that run purged (from its log line). */
  async function purge(): Promise<number> {
    const runsBefore = [...app.host.output().matchAll(PURGED)].length;
    const response = await fetch(`${app.host.baseUrl}/admin/functions/retention`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"input":""}' });
    assert.equal(response.status, 202);
    const run = await pollUntil(() => [...app.host.output().matchAll(PURGED)][runsBefore], { timeoutMs: 15_000, what: 'the retention run to log' }, () => app.host.output().slice(-500));
    return Number(run[1]);
  }

  test('a freshly finished job is kept; one completed longer ago than LONGRUN_RETENTION_DAYS is purged with its blobs', async () => {
    const fresh = await finishedJob(1);
    const old = await finishedJob(2);

    assert.equal(await purge(), 0);
    assert.equal((await table.get(fresh.id))?.status, 'succeeded');
    assert.equal((await table.get(old.id))?.status, 'succeeded');

    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000).toISOString();
    await table.merge(old.id, { completedAt: twoDaysAgo });
    assert.equal(await purge(), 1);

    assert.equal(await table.get(old.id), undefined);
    assert.deepEqual(await table.blobNames(old.id), []);
    assert.equal((await fetch(old.statusUrl)).status, 404);
    // The fresh one is untouched, blobs included, and still answers.
    assert.equal((await table.get(fresh.id))?.status, 'succeeded');
    assert.deepEqual(await table.blobNames(fresh.id), fresh.blobs);
    assert.equal((await fetch(fresh.statusUrl)).status, 200);
  });
});
