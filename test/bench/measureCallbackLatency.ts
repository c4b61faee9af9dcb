import { createServer } from 'node:http';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { JobTable } from '../support/JobTable';
import { toPercentiles, type Percentiles } from './toPercentiles';
import { waitForTerminal, ZERO_WORK_INPUT } from './zeroWorkJob';

/** The `callbackLatencyMs` figures. */
export interface CallbackLatencyFigures extends Percentiles {
  /** Subscribers running at once. */
  readonly concurrency: number;
  /** Callbacks that arrived on the first attempt (no delivery retry). */
  readonly firstAttempt: number;
}

/**
 * Time from a webhook job's completion (its row's `completedAt`, written by the worker just
 * before the terminal write) to the moment the callback's request reaches a local receiver (its
 * headers parsed: the first bytes of a small request). Same machine, same clock.
 */
export async function measureCallbackLatency(
  baseUrl: string,
  connectionString: string,
  options: { jobs: number; concurrency: number },
): Promise<CallbackLatencyFigures> {
  const arrivals = new Map<string, number[]>();
  const waiters = new Map<string, () => void>();
  const server = createServer((req, res) => {
    const at = Date.now();
    const path = (req.url ?? '').split('?')[0] ?? '';
    arrivals.set(path, [...(arrivals.get(path) ?? []), at]);
    req.resume();
    req.on('end', () => {
      res.writeHead(200).end();
      waiters.get(path)?.();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const table = new JobTable(connectionString);
  const samples: number[] = [];

  const oneJob = async (): Promise<void> => {
    const path = `/workflows/bench/runs/${randomBytes(8).toString('hex')}/actions/Bake/run`;
    const arrived = new Promise<void>((resolve) => waiters.set(path, resolve));
    const response = await fetch(`${baseUrl}/api/jobs/bake/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ callbackUrl: `${origin}${path}?api-version=2016-06-01&sig=${randomBytes(16).toString('base64url')}`, input: ZERO_WORK_INPUT }),
    });
    const body = (await response.json()) as { id?: string };
    if (response.status !== 201 || !body.id) throw new Error(`subscribe answered ${response.status}`);
    const [row] = await waitForTerminal(table, [body.id]);
    await Promise.race([arrived, new Promise((_, reject) => setTimeout(() => reject(new Error('no callback within 30 s')), 30_000))]);
    samples.push((arrivals.get(path)?.[0] ?? Number.NaN) - Date.parse(row?.completedAt ?? ''));
  };

  try {
    const perWorker = Math.ceil(options.jobs / options.concurrency);
    await Promise.all(Array.from({ length: options.concurrency }, async () => {
      for (let i = 0; i < perWorker; i++) await oneJob();
    }));
    return {
      ...toPercentiles(samples),
      concurrency: options.concurrency,
      firstAttempt: [...arrivals.values()].filter((a) => a.length === 1).length,
    };
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
