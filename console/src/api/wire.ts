// The management API's answers as the console reads them (the contract of /api/manage/*). Every
// field is data from outside: shown as text, never as markup.

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface WorkflowIdentity {
  readonly workflowId?: string;
  readonly workflowName?: string;
  readonly workflowRunId?: string;
  readonly clientTrackingId?: string;
  readonly operationName?: string;
  readonly actionTrackingId?: string;
  readonly correlationId?: string;
}

export interface JobEnvelope {
  readonly id: string;
  readonly kind: string;
  readonly status: JobStatus;
  readonly progress?: number;
  readonly message?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly completedAt?: string;
  readonly result?: unknown;
  readonly resultUrl?: string;
  readonly error?: unknown;
  readonly workflow?: WorkflowIdentity;
}

export interface Attempt {
  readonly at: string;
  readonly status?: number;
  readonly durationMs?: number;
  readonly result: string;
  readonly errorClass?: string;
  readonly response?: string;
}

export type DeliveryTarget =
  | { readonly kind: 'callback'; readonly jobId: string }
  | { readonly kind: 'hook'; readonly topic: string; readonly hookId: string; readonly eventId: string };

export interface DeliveryItem {
  readonly id: string;
  readonly target: DeliveryTarget;
  readonly state: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly nextAttemptAt?: string;
  /** Every attempt made; `attempts` keeps the last few. */
  readonly attemptCount?: number;
  readonly attempts?: readonly Attempt[];
}

export interface HookItem {
  readonly id: string;
  readonly topic: string;
  readonly status: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly failingSince?: string;
  readonly disabledReason?: string;
  readonly disabledAt?: string;
  readonly callbackUrl?: string;
  readonly workflow?: WorkflowIdentity;
}

export interface EventItem {
  readonly id: string;
  readonly topic: string;
  readonly publishedAt: string;
  readonly data?: unknown;
}

export interface ListPage<T> {
  readonly value: readonly T[];
  readonly nextLink?: string;
}

export interface Health {
  readonly status?: string;
  readonly oldestWaitingJobSeconds?: number;
  readonly deadLettersLastHour?: number;
  readonly disabledHooksLastHour?: number;
}
