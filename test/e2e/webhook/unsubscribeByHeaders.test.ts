import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { useApp } from '../../support/startApp';
import { JobTable } from '../../support/JobTable';
import { pollUntil } from '../../support/pollUntil';
import { CallbackReceiver } from '../../engine/CallbackReceiver';
import { subscriptionJobIdOf } from '../../support/subscriptionJobIdOf';

const FUNCTION_KEY = 'e2e-function-key-unsubscribe';
const OPERATION = 'Wait_for_the_bake';

describe('webhook action unsubscribe by the workflow headers (stand-in host, function keys enforced)', () => {
  const app = useApp({ LONGRUN_HOST_FUNCTION_KEY: FUNCTION_KEY });
  let receiver: CallbackReceiver;
  before(async () => {
    receiver = await CallbackReceiver.start();
  });
  after(async () => {
    await receiver.stop();
  });

  /**
   * Subscribes a bake as the engine does, with every workflow header; the client tracking id is
   * not the run id (a trigger request may set its own).
   */
  async function subscribed(): Promise<{ id: string; callbackUrl: string; trackingId: string; runId: string }> {
    const callbackUrl = receiver.newCallbackUrl();
    const trackingId = `order-${randomBytes(6).toString('hex')}`;
    const runId = `08585${randomBytes(8).toString('hex')}CU00`;
    const response = await fetch(`${app.baseUrl}/api/jobs/bake/subscribe`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-functions-key': FUNCTION_KEY,
        'x-ms-client-tracking-id': trackingId,
        'x-ms-workflow-run-id': runId,
        'x-ms-workflow-operation-name': OPERATION,
        'x-ms-action-tracking-id': randomBytes(16).toString('hex'),
        'x-ms-workflow-name': 'bakery',
      },
      body: JSON.stringify({ callbackUrl, input: { flavor: 'chocolate', minutes: 8, secondsPerMinute: 0.25 } }),
    });
    assert.equal(response.status, 201);
    await response.arrayBuffer();
    return { id: await subscriptionJobIdOf(app.azurite.connectionString, 'bake', callbackUrl), callbackUrl, trackingId, runId };
  }

  /** The unsubscribe as current documentation has the engine send it: no body, only headers. */
  async function unsubscribe(headers: Record<string, string>): Promise<unknown> {
    const response = await fetch(`${app.baseUrl}/api/jobs/bake/unsubscribe`, { method: 'POST', headers: { 'x-functions-key': FUNCTION_KEY, ...headers } });
    assert.equal(response.status, 200);
    return response.json();
  }

  async function assertCancelledWithoutCallback(id: string, callbackUrl: string): Promise<void> {
    const table = new JobTable(app.azurite.connectionString);
    const row = await pollUntil(async () => {
      const current = await table.get(id);
      return current?.status === 'cancelled' ? current : undefined;
    }, { timeoutMs: 20_000, what: `job ${id} to be cancelled` });
    assert.equal(row.unsubscribed, true);
    await new Promise((r) => setTimeout(r, 2500)); // longer than the bake's remaining 8 × 0.25 s had it gone on
    assert.equal(receiver.callsTo(callbackUrl).length, 0);
  }

  test('with only x-ms-client-tracking-id and x-ms-workflow-operation-name (no run id, no body) it cancels the job, and no callback arrives', async () => {
    const job = await subscribed();
    const answer = await unsubscribe({ 'x-ms-client-tracking-id': job.trackingId, 'x-ms-workflow-operation-name': OPERATION });
    assert.deepEqual(answer, { unsubscribed: 'cancelled' });
    await assertCancelledWithoutCallback(job.id, job.callbackUrl);
  });

  test('with only x-ms-workflow-run-id and x-ms-workflow-operation-name it cancels the job as well', async () => {
    const job = await subscribed();
    const answer = await unsubscribe({ 'x-ms-workflow-run-id': job.runId, 'x-ms-workflow-operation-name': OPERATION });
    assert.deepEqual(answer, { unsubscribed: 'cancelled' });
    await assertCancelledWithoutCallback(job.id, job.callbackUrl);
  });
});
