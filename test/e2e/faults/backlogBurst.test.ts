import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { QueueClient } from '@azure/storage-queue';
import { useApp } from '../../support/startApp';
import { QUEUES } from '../../../shared/storage/names';

const LIMIT = 300;
const STARTS = 480;
const CONCURRENCY = 60;
// Jobs that outlast the test: a running job's message stays in the queue (leased), so the backlog
// only grows and every accepted start stays counted.
const LONG_BAKE = JSON.stringify({ flavor: 'lemon', minutes: 600, secondsPerMinute: 60 });

describe(`fault: a burst of starts against LONGRUN_MAX_BACKLOG=${LIMIT} (stand-in host, Azurite)`, () => {
  const app = useApp({ LONGRUN_MAX_BACKLOG: String(LIMIT) });

  test(`${STARTS} starts, ${CONCURRENCY} at a time, leave the backlog under ${LIMIT * 1.1}; the rest are refused 429 with Retry-After`, { timeout: 180_000 }, async () => {
    const queue = new QueueClient(app.azurite.connectionString, QUEUES.jobs);
    assert.equal((await fetch(`${app.baseUrl}/api/health`)).status, 200, 'storage created before the burst');
    let peak = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peak = Math.max(peak, (await queue.getProperties()).approximateMessagesCount ?? 0);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const statuses: number[] = [];
    let next = 0;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < STARTS) {
          next++;
          const response = await fetch(`${app.baseUrl}/api/jobs/bake`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: LONG_BAKE });
          await response.arrayBuffer();
          if (response.status === 429) assert.match(response.headers.get('retry-after') ?? '', /^\d+$/);
          statuses.push(response.status);
        }
      }),
    );
    sampling = false;
    await sampler;
    const final = (await queue.getProperties()).approximateMessagesCount ?? 0;
    peak = Math.max(peak, final);
    const accepted = statuses.filter((s) => s === 202).length;
    console.log(`# burst of ${STARTS} in ${Date.now() - started} ms: ${accepted} accepted, ${statuses.filter((s) => s === 429).length} refused; backlog peak ${peak}, final ${final} (limit ${LIMIT})`);
    assert.deepEqual([...new Set(statuses)].sort(), [202, 429]);
    assert.ok(peak < LIMIT * 1.1, `backlog peak ${peak}`);
    assert.ok(accepted < LIMIT * 1.1, `${accepted} accepted`);
    assert.ok(accepted >= LIMIT * 0.9, `only ${accepted} accepted: the limit refused early`);
  });
});
