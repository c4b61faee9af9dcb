import type { Job, StoredPayload } from '../../model/Job';
import type { JobFailure } from '../../model/JobFailure';

/** What a run came to before anything is written about its end: each worker step returns one. */
export type RunStep =
  /** The kind returned this output, checked against its schema: it is stored and the job succeeds. */
  | { readonly kind: 'succeeded'; readonly output: unknown }
  /** The kind streamed its output, checked as it was written to this payload: the job succeeds with it. */
  | { readonly kind: 'succeeded'; readonly stored: StoredPayload }
  /** The job fails: the kind's JobError, a timeout, a kind not served, an output that does not match. */
  | { readonly kind: 'failed'; readonly failure: JobFailure }
  /** A cancel was requested: the job ends cancelled. */
  | { readonly kind: 'cancelled' }
  /** The invocation's time slice is used up: the job is re-enqueued and resumes from its last checkpoint. */
  | { readonly kind: 'sliceEnded' }
  /** Another invocation owns the job: this one leaves it alone. */
  | { readonly kind: 'superseded' }
  /** Someone else ended the job meanwhile: nothing to write, its after-end steps still run. */
  | { readonly kind: 'ended'; readonly job: Job };
