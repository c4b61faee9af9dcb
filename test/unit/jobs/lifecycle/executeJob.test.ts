import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { defineJob, type JobContext, type JobKind } from '../../../../shared/jobs/defineJob';
import type { StoredPayload } from '../../../../shared/model/Job';
import { JobError } from '../../../../shared/model/errors';
import { kindFailure, unexpectedFailure } from '../../../../shared/model/JobFailure';
import { JobRun } from '../../../../shared/jobs/lifecycle/JobRun';
import { isJobStop } from '../../../../shared/jobs/lifecycle/JobStop';
import { executeJob, type ExecuteOptions } from '../../../../shared/jobs/lifecycle/executeJob';
import { FakeJobRows, aJob } from './fakeJobRows';
import type { StagedPayload } from '../../../../shared/storage/StagedPayload';
import { streamOutput } from '../../../../shared/jobs/output/StreamedOutput';

type Run = (input: { flavor: string }, ctx: JobContext<unknown>) => Promise<any>;

function kindThat(run: Run, timeoutSeconds = 3600): JobKind {
  return defineJob<{ flavor: string }, { flavor: string }>({
    name: 'bake',
    summary: 'Bake',
    input: z.object({ flavor: z.string() }),
    output: z.object({ flavor: z.string() }),
    timeoutSeconds,
    run,
  });
}

/** Payloads kept inline, with the names of the writes. */
function fakePayloads() {
  const names: string[] = [];
  return {
    names,
    put: (name: string, json: string | Buffer): Promise<StoredPayload> => {
      names.push(name);
      return Promise.resolve({ inline: json.toString() });
    },
    json: (payload: StoredPayload): Promise<unknown> => Promise.resolve(JSON.parse('inline' in payload ? payload.inline : 'null')),
    stream: (payload: StoredPayload): Promise<AsyncIterable<Uint8Array>> => Promise.resolve(Readable.from([Buffer.from('inline' in payload ? payload.inline : 'null')])),
    /** Staged writes gather in memory; commit() names the blob and keeps its text in `committed`. */
    committed: new Map<string, string>(),
    stage(name: string) {
      const chunks: Buffer[] = [];
      return {
        write: (chunk: Buffer) => (chunks.push(Buffer.from(chunk)), Promise.resolve()),
        commit: () => (this.committed.set(name, Buffer.concat(chunks).toString('utf8')), Promise.resolve({ blob: name })),
      } as unknown as StagedPayload;
    },
  };
}

/** A live job created just now (so within any time limit), running from its saved state. */
function setUp(fields: Parameters<typeof aJob>[0] = {}) {
  const rows = new FakeJobRows(aJob({ createdAt: new Date().toISOString(), ...fields }));
  const run = new JobRun(rows, rows.row(aJob().id)!);
  const payloads = fakePayloads();
  const options: ExecuteOptions = { sliceSeconds: 240, markRunningAfterMs: 10_000 };
  return { rows, run, payloads, options, execute: (kind: JobKind, more: Partial<ExecuteOptions> = {}) => executeJob(payloads, run, kind, { ...options, ...more }) };
}

describe('executeJob: the kind run with its context, as a typed step', () => {
  test('a kind that returns a matching output succeeds with the checked output; it saw its input and saved state', async () => {
    const { execute } = setUp();
    let seen: unknown[] = [];
    const step = await execute(kindThat((input, ctx) => ((seen = [input, ctx.state]), Promise.resolve({ flavor: input.flavor, extra: 1 }))));
    assert.deepEqual(step, { kind: 'succeeded', output: { flavor: 'lemon' } });
    assert.deepEqual(seen, [{ flavor: 'lemon' }, { baked: 2 }]);
  });

  test('an output that does not match the schema fails the job with 424', async () => {
    const { execute } = setUp();
    assert.deepEqual(await execute(kindThat(() => Promise.resolve({ flavor: 3 }))), {
      kind: 'failed',
      failure: unexpectedFailure('The job produced a result that does not match its output schema.'),
    });
  });

  test("a kind's JobError is its failure, with its own 4xx", async () => {
    const { execute } = setUp();
    assert.deepEqual(await execute(kindThat(() => Promise.reject(new JobError(404, 'No such cake', 'Not found')))), {
      kind: 'failed',
      failure: kindFailure(404, 'No such cake', 'Not found'),
    });
  });

  test('any other error is unexpected: it is thrown, not turned into a step', async () => {
    const { execute } = setUp();
    await assert.rejects(execute(kindThat(() => Promise.reject(new TypeError('oops')))), TypeError);
  });

  test('an input that no longer parses is unexpected too', async () => {
    const { execute } = setUp({ input: { inline: '{"flavor":7}' } });
    await assert.rejects(execute(kindThat(() => Promise.resolve({ flavor: 'x' }))), z.ZodError);
  });

  test('a checkpoint saves a state blob named by step and runner, and writes the next step with its progress', async () => {
    const { execute, rows, run, payloads } = setUp();
    await execute(kindThat(async (input, ctx) => (await ctx.checkpoint({ baked: 3 }, 30), { flavor: input.flavor })));
    assert.deepEqual(payloads.names, [`jobs/${aJob().id}/state-3-${run.runnerId}.json`]);
    const row = rows.row(aJob().id)?.job;
    assert.deepEqual([row?.step, row?.progress, row?.state, row?.runnerId], [3, 30, { inline: '{"baked":3}' }, run.runnerId]);
  });

  test('a cancel requested meanwhile stops the kind at its next checkpoint and aborts its signal', async () => {
    const { execute, rows } = setUp();
    rows.interfere([(j) => ({ ...j, cancelRequested: true })]);
    let after = false;
    let signal: AbortSignal | undefined;
    const step = await execute(
      kindThat(async (input, ctx) => {
        signal = ctx.signal;
        await ctx.checkpoint({ baked: 3 });
        after = true;
        return { flavor: input.flavor };
      }),
    );
    assert.deepEqual(step, { kind: 'cancelled' });
    assert.equal(after, false, 'the checkpoint threw');
    assert.equal(signal?.aborted, true);
  });

  test('a stop wins over the error a kind wraps it in', async () => {
    const { execute, rows } = setUp();
    rows.interfere([(j) => ({ ...j, status: 'cancelled' })]);
    let aborted: unknown;
    const step = await execute(
      kindThat(async (_input, ctx) => {
        await ctx.checkpoint({ baked: 3 }).catch(() => undefined);
        aborted = ctx.signal.reason;
        throw new JobError(422, 'wrapped');
      }),
    );
    assert.equal(step.kind, 'ended');
    assert.equal(step.kind === 'ended' && step.job.status, 'cancelled');
    assert.ok(isJobStop(aborted), 'the signal aborted with the stop');
  });

  test('another runner that took the job over supersedes this run', async () => {
    const { execute, rows } = setUp();
    rows.interfere([(j) => ({ ...j, step: 5, runnerId: 'runner-other' })]);
    assert.deepEqual(await execute(kindThat(async (_i, ctx) => (await ctx.checkpoint({}), { flavor: 'x' }))), { kind: 'superseded' });
  });

  test('a used-up time slice ends the invocation right after the checkpoint is written', async () => {
    const { execute, rows } = setUp();
    const step = await execute(kindThat(async (_i, ctx) => (await sleep(5), await ctx.checkpoint({ baked: 3 }), await ctx.checkpoint({ baked: 4 }), { flavor: 'x' })), { sliceSeconds: 0 });
    assert.deepEqual(step, { kind: 'sliceEnded' });
    assert.equal(rows.row(aJob().id)?.job.step, 3, 'one checkpoint written, resumable from it');
  });

  test('a job past its time limit at a checkpoint fails as timed out', async () => {
    const { execute } = setUp({ createdAt: new Date(Date.now() - 5_000).toISOString() });
    const step = await execute(kindThat(async (_i, ctx) => (await ctx.checkpoint({}), { flavor: 'x' }), 1));
    assert.deepEqual(step, { kind: 'failed', failure: unexpectedFailure('The job ran past its time limit of 1 seconds.', 'Job timed out') });
  });

  test('a run past markRunningAfterMs without a checkpoint shows the queued job as running', async () => {
    const { execute, rows, run } = setUp({ status: 'queued', step: 0 });
    await execute(kindThat(async () => (await sleep(60), { flavor: 'x' })), { markRunningAfterMs: 10 });
    assert.deepEqual([rows.row(aJob().id)?.job.status, rows.row(aJob().id)?.job.runnerId], ['running', run.runnerId]);
  });

  test('a run that ends before markRunningAfterMs writes nothing: a zero-work job costs only its end', async () => {
    const { execute, rows } = setUp({ status: 'queued', step: 0 });
    await execute(kindThat(() => Promise.resolve({ flavor: 'x' })), { markRunningAfterMs: 20 });
    await sleep(40);
    assert.deepEqual(rows.calls, []);
  });

  test('a running mark that finds the job cancelled aborts the signal, and the kind stops with the cancel', async () => {
    const { execute, rows } = setUp({ status: 'queued', step: 0 });
    rows.interfere([(j) => ({ ...j, cancelRequested: true })]);
    const step = await execute(kindThat((_i, ctx) => new Promise((_resolve, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('aborted'))))), { markRunningAfterMs: 10 });
    assert.deepEqual(step, { kind: 'cancelled' });
  });

  describe('a kind that streams its output', () => {
    type Baked = { oven: string; loaves: { n: number }[] };
    const streaming = (loaves: () => AsyncIterable<unknown>) =>
      defineJob<{ flavor: string }, Baked>({
        name: 'loaves',
        summary: 'Loaves',
        input: z.object({ flavor: z.string() }),
        output: z.object({ oven: z.string(), loaves: z.array(z.object({ n: z.number().int() })).max(5) }),
        streamedOutputArrays: ['loaves'],
        run: () => Promise.resolve(streamOutput<Baked>({ oven: 'left' }, { loaves: loaves() as AsyncIterable<{ n: number }> })),
      });
    async function* elements(...values: unknown[]) {
      for (const value of values) yield await Promise.resolve(value);
    }

    test('succeeds with the result written to its blob as it came, each element checked by its schema', async () => {
      const { execute, payloads, run } = setUp();
      const step = await execute(streaming(() => elements({ n: 1, extra: true }, { n: 2 })));
      const name = `jobs/${run.job.id}/result-${run.runnerId}.json`;
      assert.deepEqual(step, { kind: 'succeeded', stored: { blob: name } });
      assert.equal(payloads.committed.get(name), '{"oven":"left","loaves":[{"n":1},{"n":2}]}');
    });

    test('an element that does not match, or too many, fail the job with 424 and commit nothing', async () => {
      for (const bad of [elements({ n: 1 }, { n: 'two' }), elements(...[1, 2, 3, 4, 5, 6].map((n) => ({ n })))]) {
        const { execute, payloads } = setUp();
        const step = await execute(streaming(() => bad));
        assert.deepEqual(step, { kind: 'failed', failure: unexpectedFailure('The job produced a result that does not match its output schema.') });
        assert.equal(payloads.committed.size, 0);
      }
    });
  });
});
