/**
 * The caller's workflow identity: the workflow headers Logic Apps adds to its calls, as recorded on a webhook trigger subscription
 * (each at most MAX_WORKFLOW_HEADER_LENGTH characters). They identify the caller for unsubscribe
 * only: never for anything else, and never as proof of who is calling.
 */
export interface WorkflowIdentity {
  /** `x-ms-workflow-id`. */
  readonly workflowId?: string;
  /** `x-ms-workflow-name`. */
  readonly workflowName?: string;
  /** `x-ms-workflow-run-id`. */
  readonly workflowRunId?: string;
  /** `x-ms-client-tracking-id`. */
  readonly clientTrackingId?: string;
  /** `x-ms-workflow-operation-name`: the trigger's or action's name in the workflow. */
  readonly operationName?: string;
  /** `x-ms-action-tracking-id`. */
  readonly actionTrackingId?: string;
  /** `x-ms-correlation-id`. */
  readonly correlationId?: string;
}

/** How long a recorded workflow header may be; longer values are cut (at subscribe and unsubscribe alike). */
export const MAX_WORKFLOW_HEADER_LENGTH = 200;

/** Each field and the header it comes from. */
export const WORKFLOW_HEADER_NAMES: Readonly<Record<keyof WorkflowIdentity, string>> = {
  workflowId: 'x-ms-workflow-id',
  workflowName: 'x-ms-workflow-name',
  workflowRunId: 'x-ms-workflow-run-id',
  clientTrackingId: 'x-ms-client-tracking-id',
  operationName: 'x-ms-workflow-operation-name',
  actionTrackingId: 'x-ms-action-tracking-id',
  correlationId: 'x-ms-correlation-id',
};

/**
 * Who subscribed or unsubscribes a webhook action: the operation name and at least one of the
 * client tracking id and the run id (the rest are kept for operators).
 */
export type Subscriber = Pick<WorkflowIdentity, 'clientTrackingId' | 'workflowRunId' | 'actionTrackingId' | 'workflowName'> & {
  readonly operationName: string;
};
