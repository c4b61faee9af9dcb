import assert from 'node:assert/strict';
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

// The stand-in host's message lease. Azure's host leases a message for 10 minutes while its
// function runs (LONGRUN_FAULT_LEASE_SECONDS=600 measures that); the suite runs it at 5 s.
const LEASE_SECONDS = Number(process.env.LONGRUN_FAULT_LEASE_SECONDS ?? 5);
const MINUTES = 10;
const BAKE = { flavor: 'chocolate', minutes: MINUTES, secondsPerMinute: 0.5 };

describe(`fault: the host is killed (SIGKILL) mid-job and started again (lease ${LEASE_SECONDS} s)`, () => {
  let azurite: Azurite | undefined;
  const hosts: SpawnedHost[] = [];
  let receiver: CallbackReceiver | undefined;

  after(async () => {
    for (const host of hosts) host.kill();
    await azurite?.stop();
    await receiver?.stop();
  });

  test('a webhook job killed mid-run resumes from its last checkpoint once the lease runs out, and ends with one checkpoint sequence, one job.completed and one callback', { timeout: (LEASE_SECONDS + 120) * 1000 }, async () => {
    azurite = await startAzurite();
    receiver = await CallbackReceiver.start();
    const env = { LONGRUN_CALLBACK_HTTPS_ONLY: 'false', LONGRUN_CALLBACK_ALLOWED_NETWORKS: '127.0.0.0/8', LONGRUN_HOST_QUEUE_LEASE_SECONDS: String(LEASE_SECONDS) };
    const first = await spawnLongrunHost({ connectionString: azurite.connectionString, env });
    hosts.push(first);
    const callbackUrl = receiver.newCallbackUrl();
    const subscribed = await fetch(`${first.baseUrl}/api/jobs/bake/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ callbackUrl, input: BAKE }),
    });
    assert.equal(subscribed.status, 201);
    const id = toJobId(subscribed.headers.get('location') ?? '');
    const table = new JobTable(azurite.connectionString);
    await pollUntil(async () => ((await table.get(id))?.step ?? 0) >= 3 || undefined, { timeoutMs: 30_000, what: 'three checkpoints before the kill' });

    first.kill();
    const killedAt = Date.now();
    await pollUntil(() => (first.process.signalCode === 'SIGKILL' ? true : undefined), { timeoutMs: 5000, what: 'the host to die' });
    const atKill = await table.get(id);
    assert.equal(atKill?.status, 'running');
    const second = await spawnLongrunHost({ connectionString: azurite.connectionString, env });
    hosts.push(second);

    // Resumed: the first checkpoint written after the kill.
    await pollUntil(async () => ((await table.get(id))?.step ?? 0) > (atKill?.step ?? 0) || undefined, {
      timeoutMs: (LEASE_SECONDS + 60) * 1000,
      intervalMs: 200,
      what: 'the job to resume on the restarted host',
    });
    const recoveryMs = Date.now() - killedAt;
    console.log(`# killed at step ${atKill?.step}; resumed ${recoveryMs} ms after the kill (lease ${LEASE_SECONDS} s)`);
    assert.ok(recoveryMs >= (LEASE_SECONDS - 2) * 1000, `resumed before the lease could have run out (${recoveryMs} ms)`);
    assert.ok(recoveryMs <= (LEASE_SECONDS + 30) * 1000, `resumed ${recoveryMs} ms after the kill`);

    await receiver.waitForCalls(1, 60_000);
    const row = await pollUntil(async () => {
      const current = await table.get(id);
      return current?.status === 'succeeded' ? current : undefined;
    }, { timeoutMs: 30_000, what: 'the job to succeed' });
    assert.equal(row.step, MINUTES, 'one checkpoint per minute: no minute baked twice');
    const events = TableClient.fromConnectionString(azurite.connectionString, TABLES.events, { allowInsecureConnection: true });
    const countCompleted = async () => {
      let completed = 0;
      for await (const event of events.listEntities({ queryOptions: { filter: toFeedPartitions('job.completed').map((p) => odata`PartitionKey eq ${p}`).join(' or ') } })) {
        if (!String(event.rowKey).startsWith('once-') && JSON.stringify(event).includes(id)) completed++;
      }
      return completed;
    };
    // The event follows the callback; a second one would follow within the same invocation or a retry.
    await pollUntil(async () => ((await countCompleted()) > 0 ? true : undefined), { timeoutMs: 30_000, what: 'the job.completed event' });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    assert.equal(await countCompleted(), 1, 'one job.completed');
    assert.equal(receiver.callsTo(callbackUrl).length, 1, 'one callback');
  });
});
