import { randomBytes } from 'node:crypto';
import type { Azurite } from '../support/azurite';
import { JobTable } from '../support/JobTable';
import { CallbackReceiver } from '../engine/CallbackReceiver';
import { startStorageTap, type StorageTap } from './StorageTap';
import { spawnBenchHost, startZeroWorkJob, waitForTerminal, ZERO_WORK_INPUT } from './zeroWorkJob';

/** Storage calls per job for one pattern, with the breakdown by operation (averages per job). */
export interface OpsPerJob {
  readonly jobs: number;
  readonly perJob: number;
  readonly byOperation: Record<string, number>;
}

/** The `storageOpsPerJob` figures. */
export interface StorageOpsFigures {
  readonly method: string;
  /** Start → terminal → message deleted, polls of the status URL excluded (none are sent); jobs started back to back. */
  readonly polling: OpsPerJob;
  /** The same, one job at a time: no batch receive shares its dequeue. */
  readonly pollingAlone: OpsPerJob;
  /** Subscribe → terminal → callback attempted; the callback itself is HTTP and costs no storage call. */
  readonly webhook: OpsPerJob;
  /** What Logic Apps' unsubscribe after the callback adds, per job. */
  readonly webhookUnsubscribe: OpsPerJob;
  /** One status GET (the polls the polling figure excludes). */
  readonly statusPoll: OpsPerJob;
  /** One page of `GET /api/manage/jobs?top=100` over at least 100 jobs: its storage calls (`perJob` is per page) and how many jobs it held. */
  readonly jobListPage: OpsPerJob & { readonly items: number };
  /** The host's empty queue receives per second over the last, mostly idle, window (idle cost, not per job). */
  readonly emptyPollsPerSecond: number;
}

const QUIET_MS = 2500; // longer than host.json's maxPollingInterval (2 s): a delayed dequeue would show
const round = (v: number): number => Math.round(v * 100) / 100;

function toOpsPerJob(tap: StorageTap, jobs: number): OpsPerJob {
  const byOperation: Record<string, number> = {};
  let total = 0;
  for (const call of tap.calls) {
    if (call.emptyPoll) continue;
    byOperation[call.operation] = (byOperation[call.operation] ?? 0) + 1;
    total++;
  }
  for (const key of Object.keys(byOperation)) byOperation[key] = round((byOperation[key] ?? 0) / jobs);
  return { jobs, perJob: round(total / jobs), byOperation };
}

/** Resolves once no call but idle polls has reached storage for {@link QUIET_MS}. */
async function untilQuiet(tap: StorageTap): Promise<void> {
  const work = (): number => tap.calls.filter((c) => !c.emptyPoll).length;
  let seen = work();
  let since = Date.now();
  while (Date.now() - since < QUIET_MS) {
    await new Promise((r) => setTimeout(r, 100));
    if (work() !== seen) [seen, since] = [work(), Date.now()];
  }
}

/**
 * Counts the storage calls a zero-work job costs, on the wire between the app (on the stand-in
 * host) and Azurite. Each pattern runs once to warm up (table creation, sealing key) before
 * counting; jobs are started one after another and watched by reading their rows directly.
 */
export async function measureStorageOps(azurite: Azurite, jobs: number): Promise<StorageOpsFigures> {
  const tap = await startStorageTap(azurite);
  const host = await spawnBenchHost(tap.connectionString);
  const receiver = await CallbackReceiver.start();
  const table = new JobTable(azurite.connectionString);
  const api = `${host.baseUrl}/api/jobs/bake`;
  const subscribe = async (callbackUrl: string, runId: string): Promise<string> => {
    const response = await fetch(`${api}/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-ms-workflow-run-id': runId, 'x-ms-workflow-operation-name': 'Bake' },
      body: JSON.stringify({ callbackUrl, input: ZERO_WORK_INPUT }),
    });
    const body = (await response.json()) as { id?: string };
    if (response.status !== 201 || !body.id) throw new Error(`subscribe answered ${response.status}`);
    return body.id;
  };
  const unsubscribe = async (callbackUrl: string): Promise<void> => {
    const response = await fetch(`${api}/unsubscribe`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ callbackUrl }) });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`unsubscribe answered ${response.status}`);
  };
  try {
    // Warm-up: one job of each pattern, then silence.
    const warm = await startZeroWorkJob(host.baseUrl);
    const warmCallback = receiver.newCallbackUrl();
    await waitForTerminal(table, [warm.id, await subscribe(warmCallback, randomBytes(8).toString('hex'))]);
    await receiver.waitForCalls(1);
    await unsubscribe(warmCallback);
    await (await fetch(warm.statusUrl)).arrayBuffer();
    await untilQuiet(tap);

    tap.reset();
    const pollingIds: string[] = [];
    for (let i = 0; i < jobs; i++) pollingIds.push((await startZeroWorkJob(host.baseUrl)).id);
    await waitForTerminal(table, pollingIds);
    await untilQuiet(tap);
    const polling = toOpsPerJob(tap, jobs);

    // One job at a time: each dequeue is its own receive, as for a trickle of jobs.
    tap.reset();
    const alone = Math.max(2, Math.ceil(jobs / 4));
    for (let i = 0; i < alone; i++) await waitForTerminal(table, [(await startZeroWorkJob(host.baseUrl)).id]);
    await untilQuiet(tap);
    const pollingAlone = toOpsPerJob(tap, alone);

    tap.reset();
    await (await fetch(warm.statusUrl)).arrayBuffer();
    const statusPoll = toOpsPerJob(tap, 1);

    tap.reset();
    const callbackUrls = Array.from({ length: jobs }, () => receiver.newCallbackUrl());
    const webhookIds: string[] = [];
    for (const url of callbackUrls) webhookIds.push(await subscribe(url, randomBytes(8).toString('hex')));
    await waitForTerminal(table, webhookIds);
    await receiver.waitForCalls(1 + jobs);
    await untilQuiet(tap);
    const webhook = toOpsPerJob(tap, jobs);

    tap.reset();
    const windowStart = Date.now();
    for (const url of callbackUrls) await unsubscribe(url);
    await untilQuiet(tap);
    const webhookUnsubscribe = toOpsPerJob(tap, jobs);

    const emptyPolls = tap.calls.filter((c) => c.emptyPoll).length;
    const emptyPollsPerSecond = round(emptyPolls / ((Date.now() - windowStart) / 1000));

    // A list page of 100 jobs: enough jobs first (10 starts at a time), then one page, counted alone.
    const listed: string[] = [];
    while (listed.length < 100) listed.push(...(await Promise.all(Array.from({ length: 10 }, () => startZeroWorkJob(host.baseUrl)))).map((j) => j.id));
    await waitForTerminal(table, listed);
    await untilQuiet(tap);
    tap.reset();
    const page = await fetch(`${host.baseUrl}/api/manage/jobs?top=100`);
    const pageBody = (await page.json()) as { value?: unknown[] };
    if (page.status !== 200 || !Array.isArray(pageBody.value)) throw new Error(`the job list answered ${page.status}`);
    const jobListPage = { ...toOpsPerJob(tap, 1), items: pageBody.value.length };
    return {
      method: 'recording proxy between the host and Azurite (test/bench/StorageTap.ts)',
      polling,
      pollingAlone,
      webhook,
      webhookUnsubscribe,
      statusPoll,
      jobListPage,
      emptyPollsPerSecond,
    };
  } finally {
    await receiver.stop();
    await host.stop();
    await tap.stop();
  }
}
