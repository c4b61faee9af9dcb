// The wire shapes of ARCHITECTURE.md §3 as the connector describes them. They document answers; the
// handlers own the real types, so keep the two in step when the contract changes.
import { z } from 'zod';
import type { JobKind } from '../jobs/defineJob';
import type { Topic } from '../events/defineTopic';

const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;

/** A failed job's error inside the envelope. */
export const jobErrorSchema = z
  .object({
    status: z.int().describe('HTTP status of the failure: the kind\'s own 4xx, 424 for an unexpected failure, 409 when cancelled'),
    title: z.string().describe('Short summary of the failure'),
    detail: z.string().describe('What went wrong'),
  })
  .meta({ title: 'Error', description: 'Why the job failed; present when the status is failed' });

/** Who started a job: the start's workflow headers (each at most 200 characters). */
export const jobWorkflowSchema = z
  .object({
    workflowId: z.string().optional().meta({ title: 'Workflow ID', description: 'The x-ms-workflow-id header of the start' }),
    workflowName: z.string().optional().meta({ title: 'Workflow name', description: 'The x-ms-workflow-name header of the start' }),
    workflowRunId: z.string().optional().meta({ title: 'Workflow run ID', description: 'The x-ms-workflow-run-id header of the start' }),
    clientTrackingId: z.string().optional().meta({ title: 'Client tracking ID', description: 'The x-ms-client-tracking-id header of the start' }),
    operationName: z.string().optional().meta({ title: 'Operation name', description: 'The x-ms-workflow-operation-name header: the action that started the job' }),
    actionTrackingId: z.string().optional().meta({ title: 'Action tracking ID', description: 'The x-ms-action-tracking-id header of the start' }),
    correlationId: z.string().optional().meta({ title: 'Correlation ID', description: 'The x-ms-correlation-id header of the start' }),
  })
  .meta({ title: 'Workflow', description: 'The workflow run that started the job, as its request headers named it' });

/**
 * The job envelope: the body of every 202/200 answer about a job and of webhook callbacks.
 * With a kind, `kind` is that kind's name and `result` its output; without one, both are generic.
 */
export function jobEnvelopeSchema(kind?: JobKind): z.ZodType {
  return z.object({
    id: z.string().meta({ title: 'Job ID', description: 'Identifies the job' }),
    kind: (kind ? z.enum([kind.name]) : z.string()).describe('The job kind'),
    status: z.enum(JOB_STATUSES).describe('Where the job is: queued, running, succeeded, failed or cancelled'),
    progress: z.number().min(0).max(100).optional().describe('Percent done, 0 to 100, when the job reports it'),
    message: z.string().max(200).optional().describe('What the job last said it is doing, beside its progress'),
    createdAt: z.iso.datetime().describe('When the job was started'),
    updatedAt: z.iso.datetime().describe('When the job last changed'),
    completedAt: z.iso.datetime().optional().describe('When the job ended'),
    workflow: jobWorkflowSchema.optional(),
    result: (kind ? kind.output : z.unknown())
      .optional()
      .meta({ title: 'Result', description: 'The job output; present when the status is succeeded' }),
    error: jobErrorSchema.optional(),
  });
}

/** An event as both trigger kinds deliver it (the Standard Webhooks payload shape). */
export function eventSchema(topic: Topic): z.ZodType {
  return z.object({
    id: z.string().meta({ title: 'Event ID', description: 'Identifies the event; ids grow with time' }),
    type: z.enum([topic.name]).meta({ title: 'Topic', description: 'The topic of the event' }),
    timestamp: z.iso.datetime().describe('When the event was published'),
    data: topic.schema.meta({ title: 'Data', description: `The data of the ${topic.name} event` }),
  });
}

/** What publishing an event answers. */
export const eventReceiptSchema = z.object({
  id: z.string().meta({ title: 'Event ID', description: 'Identifies the published event' }),
});

/** What subscribing a webhook trigger answers (201). */
export const hookSchema = z.object({
  id: z.string().meta({ title: 'Hook ID', description: 'Identifies the subscription' }),
  topic: z.string().describe('The topic subscribed to'),
  secret: z.string().describe('The signing secret of this subscription (whsec_...); deliveries carry a signature for each live subscription of the callback URL'),
});

/** A page of the job list: the envelopes without results, and the URL of the next page. */
export const jobListSchema = z.object({
  value: z.array(jobEnvelopeSchema()).meta({ title: 'Jobs', description: 'The jobs of this page, newest first' }),
  nextLink: z.string().optional().meta({ title: 'Next link', description: 'The URL of the next page; absent on the last page' }),
});
