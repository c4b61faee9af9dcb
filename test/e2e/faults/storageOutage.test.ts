import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { toFeedPartitions } from '../../../shared/storage/feedShards';
import { odata, TableClient } from '@azure/data-tables';
import { startAzurite, type Azurite } from '../../support/azurite';
import { spawnLongrunHost, toJobId } from '../../support/longrunHost';
import type { SpawnedHost } from '../../support/spawnHost';
import { JobTable } from '../../support/JobTable';
import { pollUntil } from '../../support/pollUntil';
import { CallbackReceiver } from '../../engine/CallbackReceiver';
import { TABLES } from '../../../shared/storage/names';

const MINUTES = 4;
const BAKE = { flavor: 'vanilla', minutes: MINUTES, secondsPerMinute: 1 };
// The stand-in host leases a running message for 600 s, as Azure's host does: a job caught mid-run
// must come back without waiting for the lease (its worker tries again until storage answers).
const BACK_WITHIN_MS = 60_000;
const ORDER = { id: 1, order_key: 'wc_order_1', status: 'processing', currency: 'EUR', date_created: '2026-01-01T00:00:00', total: '29.35' };

describe('fault: storage stops and starts again (Azurite on disk, stand-in host)', () => {
  const location = mkdtempSync(join(tmpdir(), 'longrun-outage-'));
  let azurite: Azurite | undefined;
  let host: SpawnedHost | undefined;
  let receiver: CallbackReceiver | undefined;

  after(async () => {
    await host?.stop();
    await azurite?.stop();
    await receiver?.stop();
    rmSync(location, { recursive: true, force: true });
  });

  test('during the outage starts, polls, subscribes and publishes answer 503 problem+json with Retry-After in bounded time; afterwards every job accepted before it succeeds exactly once, well before the lease of its host', { timeout: 240_000 }, async () => {
    azurite = await startAzurite(undefined, { location });
    const ports = { blob: azurite.blobPort, queue: azurite.queuePort, table: azurite.tablePort };
    receiver = await CallbackReceiver.start();
    host = await spawnLongrunHost({
      connectionString: azurite.connectionString,
      env: { LONGRUN_CALLBACK_HTTPS_ONLY: 'false', LONGRUN_CALLBACK_ALLOWED_NETWORKS: '127.0.0.0/8' },
    });
    const api = (path: string) => `${host?.baseUrl}/api/${path}`;
    const post = (path: string, body: unknown) =>
      fetch(api(path), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    // Accepted before the outage: polling jobs and webhook jobs, running when storage stops.
    const statusUrls: string[] = [];
    for (let i = 0; i < 4; i++) {
      const started = await post('jobs/bake', BAKE);
      assert.equal(started.status, 202);
      statusUrls.push(started.headers.get('location') ?? '');
    }
    const callbackUrls = Array.from({ length: 3 }, () => receiver?.newCallbackUrl() ?? '');
    for (const callbackUrl of callbackUrls) {
      const subscribed = await post('jobs/bake/subscribe', { callbackUrl, input: BAKE });
      assert.equal(subscribed.status, 201);
      statusUrls.push(subscribed.headers.get('location') ?? '');
    }
    const accepted = statusUrls.map(toJobId);
    await pollUntil(async () => ((await fetch(statusUrls[0] ?? '')).status === 202 ? true : undefined), { timeoutMs: 10_000, what: 'the first job to be accepted' });
    await new Promise((resolve) => setTimeout(resolve, 1500)); // mid-run: a checkpoint or two written

    await azurite.stop();
    const during: { what: string; status: number; retryAfter: string | null; type: string | null; ms: number }[] = [];
    const probe = async (what: string, send: () => Promise<Response>) => {
      const at = Date.now();
      const response = await send();
      await response.arrayBuffer();
      during.push({ what, status: response.status, retryAfter: response.headers.get('retry-after'), type: response.headers.get('content-type'), ms: Date.now() - at });
    };
    await Promise.all([
      probe('start', () => post('jobs/bake', BAKE)),
      probe('poll', () => fetch(statusUrls[0] ?? '')),
      probe('subscribe', () => post('jobs/bake/subscribe', { callbackUrl: receiver?.newCallbackUrl(), input: BAKE })),
      probe('publish', () => post('events/order.created', ORDER)),
      probe('hook subscribe', () => post('hooks/order.created', { callbackUrl: receiver?.newCallbackUrl() })),
      probe('health', () => fetch(api('health'))),
    ]);
    console.log(`# during the outage: ${during.map((d) => `${d.what} ${d.status} in ${d.ms} ms`).join(', ')}`);
    for (const answer of during) {
      assert.equal(answer.status, 503, `${answer.what} answered ${answer.status}`);
      assert.match(answer.retryAfter ?? '', /^\d+$/, `${answer.what} has a Retry-After`);
      assert.equal(answer.type, 'application/problem+json', answer.what);
      assert.ok(answer.ms < 15_000, `${answer.what} took ${answer.ms} ms`);
    }

    const outageEnded = Date.now();
    azurite = await startAzurite(ports, { location });
    const finals = await pollUntil(
      async () => {
        const answers = await Promise.all(statusUrls.map(async (url) => ({ status: (await fetch(url)).status, url })));
        return answers.every((a) => a.status !== 202) ? answers : undefined;
      },
      { timeoutMs: BACK_WITHIN_MS, intervalMs: 500, what: 'every accepted job to end after the outage, before the 600 s lease' },
    );
    console.log(`# every accepted job ended ${Date.now() - outageEnded} ms after storage came back (lease 600 s)`);
    assert.deepEqual(finals.map((f) => f.status), statusUrls.map(() => 200));

    // Exactly once: one checkpoint per minute (no minute baked twice), one job.completed event and
    // one callback per job, and no job row that no 202/201 answered for.
    const table = new JobTable(azurite.connectionString);
    for (const id of accepted) assert.equal((await table.get(id))?.step, MINUTES, `job ${id} checkpoints`);
    assert.deepEqual((await table.list()).map((row) => row.partitionKey).sort(), [...accepted].sort(), 'no job left behind by a refused request');
    const events = TableClient.fromConnectionString(azurite.connectionString, TABLES.events, { allowInsecureConnection: true });
    const completed: string[] = [];
    for await (const row of events.listEntities({ queryOptions: { filter: toFeedPartitions('job.completed').map((p) => odata`PartitionKey eq ${p}`).join(' or ') } })) {
      if (!String(row.rowKey).startsWith('once-')) completed.push(JSON.stringify(row));
    }
    for (const id of accepted) assert.equal(completed.filter((row) => row.includes(id)).length, 1, `one job.completed for ${id}`);
    await receiver.waitForCalls(callbackUrls.length, 30_000);
    for (const url of callbackUrls) assert.equal(receiver.callsTo(url).length, 1, 'one callback per webhook job');
  });
});
