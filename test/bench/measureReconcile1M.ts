import { readFileSync } from 'node:fs';
import type { SpawnedHost } from '../support/spawnHost';
import { JobTable } from '../support/JobTable';
import { waitForTerminal } from './zeroWorkJob';

/** The `reconcile1M` figures. */
export interface Reconcile1MFigures {
  /** Records on each side (1,000,000 per side: 2,000,000 in all). */
  readonly recordsPerSide: number;
  readonly requestBytes: number;
  readonly maxBodyBytes: number;
  /** POST sent to 202 received (upload, validation, claim-check blob, row, message). */
  readonly acceptSeconds: number;
  /** POST sent to the job's completedAt. */
  readonly totalSeconds: number;
  /** The host process's peak resident set (VmHWM) after the job, and before it (after start-up). */
  readonly peakRssMb: number;
  readonly rssBeforeMb: number;
  /** VmHWM right after the 202: the start's own peak (parse, validate, claim check), before the worker runs. */
  readonly peakRssAtAcceptMb: number;
  readonly counts: unknown;
}

/** VmHWM of a Linux process, MB. */
export function readPeakRssMb(pid: number): number {
  const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match?.[1]) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Math.round(Number(match[1]) / 1024);
}

/**
 * The request body, written as JSON text directly (short keys, whole cents) so the bench process
 * stays small: key i is on both sides, matched for 90 % of keys, off by 1.23 for 5 %, and for 5 %
 * the ledger has another key instead (one missing on each side). Exactly `perSide` records a side.
 */
export function toReconcileBody(perSide: number): string {
  const transactions: string[] = new Array<string>(perSide);
  const ledger: string[] = new Array<string>(perSide);
  for (let i = 0; i < perSide; i++) {
    const key = i.toString(36);
    const amount = ((i * 7919) % 100_000) / 100;
    transactions[i] = `{"key":"${key}","amount":${amount}}`;
    const bucket = i % 20;
    if (bucket === 18) ledger[i] = `{"key":"${key}","amount":${Math.round((amount + 1.23) * 100) / 100}}`;
    else if (bucket === 19) ledger[i] = `{"key":"L${key}","amount":${amount}}`;
    else ledger[i] = transactions[i] as string;
  }
  return `{"transactions":[${transactions.join(',')}],"ledger":[${ledger.join(',')}],"tolerance":0.01}`;
}

/**
 * Runs one reconcile of `perSide` records a side on `host` (a host of its own, so its VmHWM is
 * this job's peak and not an earlier measure's) and reads the host's peak RSS.
 */
export async function measureReconcile1M(host: SpawnedHost, connectionString: string, perSide: number, maxBodyBytes: number): Promise<Reconcile1MFigures> {
  const pid = host.process.pid;
  if (pid === undefined) throw new Error('the host has no pid');
  const rssBeforeMb = readPeakRssMb(pid);
  const body = toReconcileBody(perSide);
  const requestBytes = Buffer.byteLength(body);
  if (requestBytes > maxBodyBytes) throw new Error(`${perSide} records a side take ${requestBytes} bytes, over the ${maxBodyBytes}-byte limit`);
  const sent = Date.now();
  const response = await fetch(`${host.baseUrl}/api/jobs/reconcile`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const accepted = Date.now();
  const peakRssAtAcceptMb = readPeakRssMb(pid);
  const envelope = (await response.json()) as { id?: string };
  if (response.status !== 202 || !envelope.id) throw new Error(`reconcile start answered ${response.status}: ${JSON.stringify(envelope).slice(0, 300)}`);
  const [row] = await waitForTerminal(new JobTable(connectionString), [envelope.id], 600_000);
  const status = await fetch(`${host.baseUrl}/api/jobs/${envelope.id}?${new URL(response.headers.get('location') ?? '').searchParams.toString()}`);
  const result = (await status.json()) as { result?: { counts?: unknown } };
  return {
    recordsPerSide: perSide,
    requestBytes,
    maxBodyBytes,
    acceptSeconds: (accepted - sent) / 1000,
    totalSeconds: (Date.parse(row?.completedAt ?? '') - sent) / 1000,
    peakRssMb: readPeakRssMb(pid),
    peakRssAtAcceptMb,
    rssBeforeMb,
    counts: result.result?.counts,
  };
}
