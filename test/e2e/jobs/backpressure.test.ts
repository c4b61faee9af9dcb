import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { TableClient } from '@azure/data-tables';
import { QueueClient } from '@azure/storage-queue';
import { startAzurite, type Azurite } from '../../support/azurite';
import { spawnLongrunHost } from '../../support/longrunHost';
import type { SpawnedHost } from '../../support/spawnHost';
import { JobTable } from '../../support/JobTable';
import { QUEUES, TABLES } from '../../../shared/storage/names';
import { getLongrun } from '../../../shared/app/getLongrun';
import { startJob } from '../../../shared/jobs/startJob';
import { bake } from '../../../shared/jobs/kinds/bake';
import { useAppEnv } from '../../support/appEnv';
import { toJobId } from '../../support/longrunHost';

const BACKLOG_MESSAGES = 3;

describe('backpressure end to end (stand-in host)', () => {
  let azurite: Azurite;
  let host: SpawnedHost;
  let queue: QueueClient;

  before(async () => {
    azurite = await startAzurite();
    // A backlog the worker cannot drain: messages sent with a visibility delay count in the queue's
    // approximate message count (Azure and Azurite alike) but no receive returns them yet.
    queue = new QueueClient(azurite.connectionString, QUEUES.jobs);
    await queue.createIfNotExists();
    for (let i = 0; i < BACKLOG_MESSAGES; i++) {
      await queue.sendMessage(Buffer.from(JSON.stringify({ jobId: randomBytes(16).toString('hex') })).toString('base64'), { visibilityTimeout: 600 });
    }
    host = await spawnLongrunHost({ connectionString: azurite.connectionString, env: { LONGRUN_MAX_BACKLOG: '1' } });
  });

  after(async () => {
    await host?.stop();
    await azurite?.stop();
  });

  test('a start over LONGRUN_MAX_BACKLOG answers 429 with an integer Retry-After and writes nothing', async () => {
    const response = await fetch(`${host.baseUrl}/api/jobs/bake`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'backpressure-1' },
      body: JSON.stringify({ flavor: 'vanilla', minutes: 0 }),
    });

    assert.equal(response.status, 429);
    assert.match(response.headers.get('retry-after') ?? '', /^\d+$/);
    assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal(response.headers.get('location'), null);
    assert.equal(((await response.json()) as any).status, 429);
    // Nothing behind: no job row, no idempotency claim, no blob, no new message.
    const table = new JobTable(azurite.connectionString);
    assert.deepEqual(await table.list(), []);
    assert.deepEqual(await table.blobNames(), []);
    const idempotency = TableClient.fromConnectionString(azurite.connectionString, TABLES.idempotency, { allowInsecureConnection: true });
    const claims: unknown[] = [];
    for await (const claim of idempotency.listEntities()) claims.push(claim);
    assert.deepEqual(claims, []);
    assert.equal((await queue.getProperties()).approximateMessagesCount, BACKLOG_MESSAGES);
  });
});

describe('backpressure and idempotent replays end to end (stand-in host, function keys enforced)', () => {
  const FUNCTION_KEY = 'e2e-function-key-backpressure';
  const KEY = 'run-08585-Start_the_bake';
  const BODY = JSON.stringify({ flavor: 'lemon', minutes: 600 });
  let azurite: Azurite;
  let host: SpawnedHost;
  let acceptedId: string;

  before(async () => {
    azurite = await startAzurite();
    // A start accepted before the backlog built up: its key is claimed and its job exists.
    useAppEnv({ AzureWebJobsStorage: azurite.connectionString, LONGRUN_PUBLIC_BASE_URL: undefined });
    const accepted = await startJob((await getLongrun()).jobStores, { kind: bake, inputJson: BODY, idempotencyKey: KEY, maxBacklog: Number.MAX_SAFE_INTEGER });
    acceptedId = accepted.stored.job.id;
    const queue = new QueueClient(azurite.connectionString, QUEUES.jobs);
    for (let i = 0; i < BACKLOG_MESSAGES; i++) {
      await queue.sendMessage(Buffer.from(JSON.stringify({ jobId: randomBytes(16).toString('hex') })).toString('base64'), { visibilityTimeout: 600 });
    }
    host = await spawnLongrunHost({ connectionString: azurite.connectionString, env: { LONGRUN_MAX_BACKLOG: '1', LONGRUN_HOST_FUNCTION_KEY: FUNCTION_KEY } });
  });

  after(async () => {
    await host?.stop();
    await azurite?.stop();
    useAppEnv({ AzureWebJobsStorage: undefined });
  });

  const post = (headers: Record<string, string>) =>
    fetch(`${host.baseUrl}/api/jobs/bake`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-functions-key': FUNCTION_KEY, ...headers }, body: BODY });

  test('a burst of retried starts whose Idempotency-Key was accepted gets its job, each with a status URL; a new key gets 429', async () => {
    const replays = await Promise.all(Array.from({ length: 5 }, () => post({ 'idempotency-key': KEY })));
    for (const replay of replays) {
      // A bake of 600 minutes: still queued or running.
      assert.equal(replay.status, 202);
      const location = replay.headers.get('location') ?? '';
      assert.equal(toJobId(location), acceptedId);
      await replay.arrayBuffer();
      const status = await fetch(location);
      assert.equal(status.status, 202, 'the status URL of the replay authorises itself');
      await status.arrayBuffer();
    }
    const fresh = await post({ 'idempotency-key': 'run-08586-Start_the_bake' });
    assert.equal(fresh.status, 429);
    assert.match(fresh.headers.get('retry-after') ?? '', /^\d+$/);
    assert.equal(fresh.headers.get('location'), null);
    await fresh.arrayBuffer();
  });
});
