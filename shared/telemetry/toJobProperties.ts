import type { Job } from '../model/Job';
import type { WorkflowIdentity } from '../model/WorkflowIdentity';
import type { TelemetryProperties } from './TelemetryProperties';

/** What a job's telemetry may name: its id, kind and the workflow that started it (never the callback URL). */
type JobLike = Pick<Job, 'id' | 'kind'> & { readonly callback?: Job['callback']; readonly workflow?: WorkflowIdentity };

/**
 * A job's properties for spans and log records: jobId, kind and the workflow identity (the
 * start's or subscribe's x-ms-* headers: run id, client tracking id, workflow name, operation and
 * action tracking id). Read from `job.workflow` when the record has it, else from the webhook
 * subscription's headers.
 */
export function toJobProperties(job: JobLike): TelemetryProperties {
  const workflow: Partial<WorkflowIdentity> = job.workflow ?? job.callback ?? {};
  return {
    jobId: job.id,
    kind: job.kind,
    workflowId: workflow.workflowId,
    workflowName: workflow.workflowName,
    workflowRunId: workflow.workflowRunId,
    clientTrackingId: workflow.clientTrackingId,
    operationName: workflow.operationName,
    actionTrackingId: workflow.actionTrackingId,
    correlationId: workflow.correlationId,
  };
}
