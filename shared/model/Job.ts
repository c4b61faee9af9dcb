import type { JobFailure } from './JobFailure';
import type { WorkflowIdentity } from './WorkflowIdentity';

export type { JobFailure } from './JobFailure';

/** Where a job is in its life: `queued → running → succeeded | failed | cancelled`. */
export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export const TERMINAL_STATUSES: readonly JobStatus[] = ['succeeded', 'failed', 'cancelled'];

export function isTerminal(status: JobStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/**
 * Where the webhook action's result goes, and who subscribed: the workflow headers of the subscribe
 * (for unsubscribe by headers, and for operators tracing a job back to its run).
 */
export interface JobCallback {
  readonly url: string;
  /** SHA-256 of the callback URL: subscribe is idempotent on it. */
  readonly urlHash: string;
  readonly workflowRunId?: string;
  readonly clientTrackingId?: string;
  readonly operationName?: string;
  readonly actionTrackingId?: string;
  readonly workflowName?: string;
}

/** A payload kept inline in the row, or in the payloads container when it is too big (claim check). */
export type StoredPayload = { readonly inline: string } | { readonly blob: string };

/** One job, as stored. */
export interface Job {
  readonly id: string;
  readonly kind: string;
  readonly status: JobStatus;
  /** SHA-256 hashes of every token that may read or cancel this job (an idempotent replay adds one). */
  readonly tokenHashes: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly completedAt?: string;
  /** When a worker first started running it (written with its first move to running): the pace's origin. */
  readonly startedAt?: string;
  /** 0..100, set by checkpoints. */
  readonly progress?: number;
  /** The last checkpoint's short text beside the progress (at most MAX_PROGRESS_MESSAGE_LENGTH characters). */
  readonly message?: string;
  /**
   * Who started the job: the start's (or subscribe's) workflow headers, kept in clear columns so
   * lists filter by them and logs carry them. Never a proof of who is calling.
   */
  readonly workflow?: WorkflowIdentity;
  readonly input: StoredPayload;
  readonly state?: StoredPayload;
  readonly result?: StoredPayload;
  readonly error?: JobFailure;
  /** Checkpoints written so far. */
  readonly step: number;
  /** The invocation that wrote the last checkpoint. */
  readonly runnerId?: string;
  readonly cancelRequested: boolean;
  /** SHA-256 of kind and input: an idempotent start with another body is a conflict. */
  readonly requestHash?: string;
  readonly callback?: JobCallback;
  /** The webhook action unsubscribed: the job gets no callback. */
  readonly unsubscribed?: boolean;
  /** The last unexpected error of a worker attempt, kept for the poison handler's message. */
  readonly lastError?: string;
  /** The queue's dequeue count when lastError happened: how many attempts the worker made. */
  readonly failedAttempts?: number;
}

/** How long a checkpoint's message may be; a longer one is cut. */
export const MAX_PROGRESS_MESSAGE_LENGTH = 200;

/** What a job's envelope shows: the job without its payloads, tokens and bookkeeping (what a list reads). */
export type JobSummary = Pick<Job, 'id' | 'kind' | 'status' | 'progress' | 'message' | 'createdAt' | 'updatedAt' | 'completedAt' | 'error' | 'workflow'>;

/** The object of 202/200 bodies and callbacks (ARCHITECTURE.md §3). `result` is added by the caller. */
export interface JobEnvelope {
  id: string;
  kind: string;
  status: JobStatus;
  progress?: number;
  message?: string;
  createdAt: string;
  updatedAt: string;
  completedAt?: string;
  workflow?: WorkflowIdentity;
  result?: unknown;
  error?: { status: number; title: string; detail: string };
}

/** The envelope of a job, without its result (which may live in a blob). */
export function toEnvelope(job: JobSummary): JobEnvelope {
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    ...(job.progress !== undefined ? { progress: job.progress } : {}),
    ...(job.message !== undefined ? { message: job.message } : {}),
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    ...(job.completedAt ? { completedAt: job.completedAt } : {}),
    ...(job.workflow && Object.keys(job.workflow).length > 0 ? { workflow: { ...job.workflow } } : {}),
    // The cause stays in the row: the status URL's problem `type` tells it (ARCHITECTURE.md §3).
    ...(job.error ? { error: { status: job.error.status, title: job.error.title, detail: job.error.detail } } : {}),
  };
}
