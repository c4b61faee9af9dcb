import type { Job } from '../../model/Job';

/** How one worker invocation ended for its job. */
export type RunOutcome =
  | { readonly kind: 'ended'; readonly job: Job }
  | { readonly kind: 'continued' }
  | { readonly kind: 'skipped'; readonly reason: 'missing' | 'superseded' }
  /** The job was already terminal: a redelivered message (its after-end steps may need finishing). */
  | { readonly kind: 'alreadyEnded'; readonly job: Job };
