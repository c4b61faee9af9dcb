import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { startJobHandler } from '../../../functions/startJob';
import { getJobHandler } from '../../../functions/getJob';
import { withProblems } from '../../../shared/http/withProblems';
import { JOB_PROBLEM_TYPES } from '../../../shared/http/toJobResponse';
import { newCapabilityToken, toTokenHash } from '../../../shared/model/capabilityToken';
import { runJob } from '../../../shared/jobs/runJob';
import { failPoisonedJob } from '../../../shared/jobs/failPoisonedJob';
import { jobKinds, registerJobKind } from '../../../shared/jobs/catalog';
import { defineJob } from '../../../shared/jobs/defineJob';
import { JobError } from '../../../shared/model/errors';
import { newJobId } from '../../../shared/jobs/newJobId';
import { getLongrun } from '../../../shared/app/getLongrun';
import { QUEUES } from '../../../shared/storage/names';
import { jobMessageSchema } from '../../../shared/storage/JobQueue';
import { fromQueueMessage } from '../../../shared/storage/queueMessage';
import { useCountedStorage } from '../../support/useCountedStorage';

// Kinds of this suite only (each test file runs in its own process).
registerJobKind(
  defineJob({
    name: 'refuses-busy',
    summary: 'Fail with the kind own 429',
    input: z.object({}),
    output: z.object({}),
    run: () => Promise.reject(new JobError(429, 'The upstream is busy.', 'Upstream busy')),
  }),
);
registerJobKind(
  defineJob({ name: 'throws-at-once', summary: 'Fail unexpectedly', input: z.object({}), output: z.object({}), run: () => Promise.reject(new Error('boom')) }),
);
registerJobKind(
  defineJob({ name: 'never-in-time', summary: 'Time out', input: z.object({}), output: z.object({}), timeoutSeconds: 0, run: () => Promise.resolve({}) }),
);

const start = withProblems(startJobHandler);
const status = withProblems(getJobHandler);
const ctx = () => new InvocationContext();
const isRetried = (code: number) => code === 408 || code === 429 || code >= 500;

function post(kind: string, headers: Record<string, string> = {}): HttpRequest {
  return new HttpRequest({ method: 'POST', url: `http://localhost:7071/api/jobs/${kind}`, params: { kind }, headers: { 'content-type': 'application/json', ...headers }, body: { string: '{}' } });
}

function at(location: string): HttpRequest {
  const url = new URL(location);
  return new HttpRequest({ method: 'GET', url: location, params: { id: url.pathname.split('/')[3] ?? '' }, query: Object.fromEntries(url.searchParams) });
}

const header = (r: HttpResponseInit, name: string) => (r.headers as Record<string, string> | undefined)?.[name];
const idOf = (location: string) => new URL(location).pathname.split('/')[3] ?? '';
const run = async (id: string) => runJob((await getLongrun()).jobStores, id, { kinds: jobKinds, sliceSeconds: 240 });

async function started(kind: string): Promise<string> {
  const response = await start(post(kind), ctx());
  assert.equal(response.status, 202);
  return header(response, 'Location') ?? '';
}

/** Runs the next job of `kind` from the queue, as the worker would, poisoning it when it throws. */
async function workNextJobOf(kind: string): Promise<void> {
  const queue = (await getLongrun()).storage.queue(QUEUES.jobs);
  for (const deadline = Date.now() + 20_000; Date.now() < deadline; ) {
    const { receivedMessageItems } = await queue.receiveMessages({ numberOfMessages: 32, visibilityTimeout: 1 });
    for (const message of receivedMessageItems) {
      const body = jobMessageSchema.parse(fromQueueMessage(message.messageText));
      if (body.snapshot?.entity.kind !== kind) continue;
      await queue.deleteMessage(message.messageId, message.popReceipt);
      await run(body.jobId).catch(async () => failPoisonedJob((await getLongrun()).jobStores.jobs, body.jobId, 1));
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no message for a ${kind} job arrived`);
}

describe('a failed job answers what fails the action at once (in process, real Azurite)', () => {
  useCountedStorage();

  test("a kind's own 429 ends the job failed with 422 on its status URL, with the kind's problem type", async () => {
    const location = await started('refuses-busy');
    await run(idOf(location));
    const response = await status(at(location), ctx());
    assert.equal(response.status, 422);
    const body = response.jsonBody;
    assert.equal(body.type, JOB_PROBLEM_TYPES.kind);
    assert.equal(body.title, 'Upstream busy');
    assert.deepEqual(body.job.error, { status: 422, title: 'Upstream busy', detail: 'The upstream is busy.' });
  });

  test('an unexpected error, once its message is poisoned, answers 424 with the unexpected problem type and the last error', async () => {
    const location = await started('throws-at-once');
    await assert.rejects(run(idOf(location)), /boom/);
    await failPoisonedJob((await getLongrun()).jobStores.jobs, idOf(location), 5);
    const response = await status(at(location), ctx());
    assert.equal(response.status, 424);
    const body = response.jsonBody;
    assert.equal(body.type, JOB_PROBLEM_TYPES.unexpected);
    assert.notEqual(body.type, JOB_PROBLEM_TYPES.kind);
    assert.match(body.detail, /failed 1 times\. Last error: Error: boom/);
    assert.equal(body.job.status, 'failed');
  });

  test('a job past its time limit answers 424, titled as a timeout', async () => {
    const location = await started('never-in-time');
    await run(idOf(location));
    const response = await status(at(location), ctx());
    assert.equal(response.status, 424);
    assert.equal(response.jsonBody.title, 'Job timed out');
    assert.equal(response.jsonBody.type, JOB_PROBLEM_TYPES.unexpected);
  });

  test('a row written when failures were 500 answers 424 on its status URL, its envelope too', async () => {
    const stores = (await getLongrun()).jobStores;
    const token = newCapabilityToken();
    const id = newJobId();
    const now = new Date().toISOString();
    await stores.jobs.insert({
      id,
      kind: 'bake',
      status: 'failed',
      tokenHashes: [toTokenHash(token)],
      createdAt: now,
      updatedAt: now,
      completedAt: now,
      input: { inline: '{}' },
      step: 0,
      cancelRequested: false,
      error: { status: 500, title: 'Job failed', detail: 'The worker failed 5 times.' },
    });
    const response = await status(at(`http://localhost:7071/api/jobs/${id}?token=${token}`), ctx());
    assert.equal(response.status, 424);
    assert.equal(response.jsonBody.type, JOB_PROBLEM_TYPES.unexpected);
    assert.equal(response.jsonBody.job.error.status, 424);
  });

  test('under Prefer: wait, a job that fails within the wait answers 422 or 424 with Location, never a status the engines retry', async () => {
    await (await getLongrun()).storage.queue(QUEUES.jobs).clearMessages();
    for (const [kind, expected] of [['refuses-busy', 422], ['throws-at-once', 424]] as const) {
      const [response] = await Promise.all([start(post(kind, { prefer: 'wait=20' }), ctx()), workNextJobOf(kind)]);
      assert.equal(response.status, expected, kind);
      assert.ok(!isRetried(response.status));
      assert.match(header(response, 'Location') ?? '', /^http:\/\/localhost:7071\/api\/jobs\/[0-9a-f]{32}\?token=/);
      assert.equal(response.jsonBody.job.status, 'failed');
    }
  });
});
