import { spawnLongrunHost } from '../support/longrunHost';
import type { SpawnedHost } from '../support/spawnHost';
import type { JobRow, JobTable } from '../support/JobTable';

/** A job that does no work: `bake` for 0 minutes ends in its first invocation with one write. */
export const ZERO_WORK_INPUT = { flavor: 'vanilla', minutes: 0 } as const;
export const ZERO_WORK_BODY = JSON.stringify(ZERO_WORK_INPUT);

/** Settings every bench host runs with: callbacks to loopback allowed (the receiver is local). */
export const BENCH_HOST_ENV = {
  LONGRUN_CALLBACK_HTTPS_ONLY: 'false',
  LONGRUN_CALLBACK_ALLOWED_NETWORKS: '127.0.0.0/8',
} as const;

/** Spawns the stand-in host serving the real app against `connectionString`. */
export function spawnBenchHost(connectionString: string, env: Record<string, string> = {}): Promise<SpawnedHost> {
  return spawnLongrunHost({ connectionString, env: { ...BENCH_HOST_ENV, ...env } });
}

/** Starts one zero-work job with POST /api/jobs/bake; returns its id and status URL. */
export async function startZeroWorkJob(baseUrl: string): Promise<{ id: string; statusUrl: string }> {
  const response = await fetch(`${baseUrl}/api/jobs/bake`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: ZERO_WORK_BODY });
  const body = (await response.json()) as { id?: string };
  if (response.status !== 202 || !body.id) throw new Error(`start answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
  return { id: body.id, statusUrl: response.headers.get('location') ?? '' };
}

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);

/**
 * Waits until every job's row is terminal, reading the rows straight from storage (so a counted
 * app sees no polls); throws after `timeoutMs` or when a job did not succeed.
 */
export async function waitForTerminal(table: JobTable, ids: readonly string[], timeoutMs = 60_000): Promise<JobRow[]> {
  const deadline = Date.now() + timeoutMs;
  const rows = new Map<string, JobRow>();
  while (rows.size < ids.length) {
    if (Date.now() > deadline) throw new Error(`${ids.length - rows.size} of ${ids.length} jobs did not end within ${timeoutMs} ms`);
    for (const id of ids) {
      if (rows.has(id)) continue;
      const row = await table.get(id);
      if (row && TERMINAL.has(row.status)) {
        if (row.status !== 'succeeded') throw new Error(`job ${id} ended ${row.status}`);
        rows.set(id, row);
      }
    }
    if (rows.size < ids.length) await new Promise((r) => setTimeout(r, 50));
  }
  return ids.map((id) => rows.get(id) as JobRow);
}
