import type { Job, JobCallback, JobStatus, JobSummary, StoredPayload } from '../model/Job';
import { toJobFailure } from '../model/JobFailure';
import { WORKFLOW_HEADER_NAMES, type WorkflowIdentity } from '../model/WorkflowIdentity';
import type { SecretSealer } from './SecretSealer';

// A job's row in the `jobs` table (PartitionKey = job id, RowKey `job`), and the mapping both ways.

/** A row's columns as the table gives and takes them. */
export type JobEntity = Record<string, string | number | boolean | undefined>;

/** The workflow identity's columns: one per field, in clear, named like the field (lists filter on them). */
const WORKFLOW_FIELDS = Object.keys(WORKFLOW_HEADER_NAMES) as (keyof WorkflowIdentity)[];

/** The columns a job's envelope needs: what a list selects, leaving payloads, tokens and secrets unread. */
export const SUMMARY_COLUMNS = ['PartitionKey', 'kind', 'status', 'progress', 'message', 'createdAt', 'updatedAt', 'completedAt', 'error', ...WORKFLOW_FIELDS];

function payloadFields(prefix: string, payload: StoredPayload | undefined): JobEntity {
  if (!payload) return { [`${prefix}Inline`]: undefined, [`${prefix}Blob`]: undefined };
  return 'inline' in payload
    ? { [`${prefix}Inline`]: payload.inline, [`${prefix}Blob`]: undefined }
    : { [`${prefix}Inline`]: undefined, [`${prefix}Blob`]: payload.blob };
}

function toPayload(entity: JobEntity, prefix: string): StoredPayload | undefined {
  const inline = entity[`${prefix}Inline`];
  const blob = entity[`${prefix}Blob`];
  if (typeof inline === 'string') return { inline };
  if (typeof blob === 'string') return { blob };
  return undefined;
}

/** Job -> table entity. Writes replace the whole row, so an absent field is a cleared one. */
export function toJobEntity(job: Job, sealer: SecretSealer): JobEntity {
  return {
    kind: job.kind,
    status: job.status,
    tokenHashes: job.tokenHashes.join(','),
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    completedAt: job.completedAt,
    startedAt: job.startedAt,
    progress: job.progress,
    message: job.message,
    ...Object.fromEntries(WORKFLOW_FIELDS.map((field) => [field, job.workflow?.[field]])),
    ...payloadFields('input', job.input),
    ...payloadFields('state', job.state),
    ...payloadFields('result', job.result),
    error: job.error ? JSON.stringify(job.error) : undefined,
    step: job.step,
    runnerId: job.runnerId,
    cancelRequested: job.cancelRequested,
    requestHash: job.requestHash,
    unsubscribed: job.unsubscribed,
    // The callback URL carries its `sig=` secret: sealed, never in clear in the row.
    callback: job.callback ? sealer.seal(JSON.stringify(job.callback)) : undefined,
    lastError: job.lastError,
    failedAttempts: job.failedAttempts,
  };
}

function stringOf(e: JobEntity, k: string): string | undefined {
  const value = e[k];
  return typeof value === 'string' ? value : undefined;
}

/** What the envelope shows, from a row (a whole one, or a list's selected columns). */
export function toJobSummary(id: string, e: JobEntity): JobSummary {
  const str = (k: string): string | undefined => stringOf(e, k);
  const error = str('error');
  const workflow: { -readonly [K in keyof WorkflowIdentity]?: string } = {};
  for (const field of WORKFLOW_FIELDS) if (str(field)) workflow[field] = str(field);
  return {
    id,
    kind: String(e.kind),
    status: String(e.status) as JobStatus,
    createdAt: String(e.createdAt),
    updatedAt: String(e.updatedAt),
    ...(str('completedAt') ? { completedAt: str('completedAt') } : {}),
    ...(str('startedAt') ? { startedAt: str('startedAt') } : {}),
    ...(typeof e.progress === 'number' ? { progress: e.progress } : {}),
    ...(str('message') !== undefined ? { message: str('message') } : {}),
    // Read through toJobFailure: a row written before 424 existed answers as today's rows do.
    ...(error ? { error: toJobFailure(JSON.parse(error), String(e.status)) } : {}),
    ...(Object.keys(workflow).length > 0 ? { workflow } : {}),
  };
}

export function toJob(id: string, e: JobEntity, sealer: SecretSealer): Job {
  const str = (k: string): string | undefined => stringOf(e, k);
  const input = toPayload(e, 'input');
  if (!input) throw new Error(`job ${id} has no input`);
  const state = toPayload(e, 'state');
  const result = toPayload(e, 'result');
  const callback = str('callback');
  return {
    ...toJobSummary(id, e),
    tokenHashes: (str('tokenHashes') ?? '').split(',').filter(Boolean),
    input,
    ...(state ? { state } : {}),
    ...(result ? { result } : {}),
    step: typeof e.step === 'number' ? e.step : 0,
    ...(str('runnerId') ? { runnerId: str('runnerId') } : {}),
    cancelRequested: e.cancelRequested === true,
    ...(str('requestHash') ? { requestHash: str('requestHash') } : {}),
    ...(e.unsubscribed === true ? { unsubscribed: true } : {}),
    ...(callback ? { callback: JSON.parse(sealer.open(callback)) as JobCallback } : {}),
    ...(str('lastError') ? { lastError: str('lastError') } : {}),
    ...(typeof e.failedAttempts === 'number' ? { failedAttempts: e.failedAttempts } : {}),
  };
}

export function withoutUndefined(entity: JobEntity): Record<string, string | number | boolean> {
  return Object.fromEntries(Object.entries(entity).filter(([, v]) => v !== undefined)) as Record<string, string | number | boolean>;
}
