import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Job } from '../../../shared/model/Job';
import { kindFailure, unexpectedFailure } from '../../../shared/model/JobFailure';
import { JOB_PROBLEM_TYPES, toJobResponse } from '../../../shared/http/toJobResponse';
import { toCancellationResponse } from '../../../shared/http/toCancellationResponse';
import { toStartResponse } from '../../../shared/http/toStartResponse';
import type { PayloadStore } from '../../../shared/storage/PayloadStore';
import { toPublicBaseUrl } from '../../../shared/http/toPublicBaseUrl';
import { useAppEnv } from '../../support/appEnv';

const ID = 'a'.repeat(32);
// The public base as the functions compute it for this request (no LONGRUN_PUBLIC_BASE_URL).
const base = toPublicBaseUrl({ url: 'https://longrun.example/api/jobs/bake', headers: new Headers() }, { LONGRUN_TRUST_FORWARDED_HEADERS: false });
// Only a succeeded job reads its result: the other answers never touch the payload store.
const payloads = {} as PayloadStore;

function job(overrides: Partial<Job> = {}): Job {
  return {
    id: ID,
    kind: 'bake',
    status: 'failed',
    tokenHashes: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:01:00.000Z',
    completedAt: '2026-01-01T00:01:00.000Z',
    input: { inline: '{}' },
    step: 0,
    cancelRequested: false,
    ...overrides,
  };
}

const headers = (r: { headers?: unknown }) => (r.headers ?? {}) as Record<string, string>;
const statusAnswer = (j: Job) => toJobResponse(base, j, 'tok', { pollAfterSeconds: 5, payloads });

describe('toJobResponse: the answers about a job', () => {
  useAppEnv({ AzureWebJobsStorage: 'UseDevelopmentStorage=true', LONGRUN_PUBLIC_BASE_URL: undefined });

  test("a kind's own failure answers its 4xx, the kind's problem type, and the envelope", async () => {
    const response = await statusAnswer(job({ error: kindFailure(422, 'The cake burned.', 'Cake burned') }));
    assert.equal(response.status, 422);
    assert.equal(headers(response)['Content-Type'], 'application/problem+json');
    const body = response.jsonBody;
    assert.equal(body.type, JOB_PROBLEM_TYPES.kind);
    assert.equal(body.title, 'Cake burned');
    assert.equal(body.job.status, 'failed');
    assert.deepEqual(body.job.error, { status: 422, title: 'Cake burned', detail: 'The cake burned.' }, 'the envelope keeps its shape: no cause');
  });

  test('an unexpected failure answers 424 with its own problem type, distinct from the kind one', async () => {
    const response = await statusAnswer(job({ error: unexpectedFailure('The worker failed 5 times.') }));
    assert.equal(response.status, 424);
    const body = response.jsonBody;
    assert.equal(body.type, JOB_PROBLEM_TYPES.unexpected);
    assert.notEqual(JOB_PROBLEM_TYPES.unexpected, JOB_PROBLEM_TYPES.kind);
    assert.equal(body.job.error.status, 424);
  });

  test('a failure held as 500 (a job read before 424 existed) answers 424, and so does its envelope', async () => {
    const response = await statusAnswer(job({ error: { status: 500, title: 'Job failed', detail: 'boom' } }));
    assert.equal(response.status, 424);
    assert.equal(response.jsonBody.type, JOB_PROBLEM_TYPES.unexpected);
    assert.equal(response.jsonBody.job.error.status, 424);
  });

  test('a cancelled job answers 409 with the cancelled problem type', async () => {
    const response = await statusAnswer(job({ status: 'cancelled', cancelRequested: true }));
    assert.equal(response.status, 409);
    assert.equal(response.jsonBody.type, JOB_PROBLEM_TYPES.cancelled);
    assert.equal(response.jsonBody.job.status, 'cancelled');
  });
});

describe('toCancellationResponse: the answer of a cancel and of its cancellation URL', () => {
  useAppEnv({ AzureWebJobsStorage: 'UseDevelopmentStorage=true', LONGRUN_PUBLIC_BASE_URL: undefined });

  test('a job not yet terminal answers 202, Location = the cancellation URL with the same token, Retry-After at most 5', () => {
    const response = toCancellationResponse(base, job({ status: 'running', cancelRequested: true, completedAt: undefined }), 'tok');
    assert.equal(response.status, 202);
    assert.equal(headers(response).Location, `https://longrun.example/api/jobs/${ID}/cancellation?token=tok`);
    assert.ok(Number(headers(response)['Retry-After']) <= 5);
    assert.equal(response.jsonBody.status, 'running');
  });

  test('a terminal job answers 200 and its envelope, whether cancelled or ended otherwise', () => {
    for (const status of ['cancelled', 'succeeded', 'failed'] as const) {
      const response = toCancellationResponse(base, job({ status }), 'tok');
      assert.equal(response.status, 200, status);
      assert.equal(response.jsonBody.status, status);
      assert.equal(headers(response).Location, undefined);
    }
  });
});

describe('toStartResponse: the answer to a POST that created a job', () => {
  useAppEnv({ AzureWebJobsStorage: 'UseDevelopmentStorage=true', LONGRUN_PUBLIC_BASE_URL: undefined });

  test('a job that failed within the wait answers its failure with Location, not a status the engines retry', async () => {
    const failed = job({ error: unexpectedFailure('boom') });
    const response = await toStartResponse(base, { job: job({ status: 'queued' }), token: 'tok' }, { pollAfterSeconds: 5, payloads, settle: () => Promise.resolve(failed) });
    assert.equal(response.status, 424);
    assert.equal(headers(response).Location, `https://longrun.example/api/jobs/${ID}?token=tok`);
  });

  test('when the final state cannot be read, the answer is 202 + Location and the error is reported', async () => {
    const errors: unknown[] = [];
    const response = await toStartResponse(
      base,
      { job: job({ status: 'queued' }), token: 'tok' },
      { pollAfterSeconds: 5, payloads, settle: () => Promise.reject(new Error('storage is down')), onError: (e) => errors.push(e) },
    );
    assert.equal(response.status, 202);
    assert.equal(headers(response).Location, `https://longrun.example/api/jobs/${ID}?token=tok`);
    assert.equal(headers(response)['Retry-After'], '5');
    assert.equal(errors.length, 1);
  });
});
