import type { ApiClient } from '../api/ApiClient';
import type { PollOutcome } from '../live/Poller';

/** One page of the console: its element, and a refresh that tells the poller whether anything changed. */
export interface View {
  readonly title: string;
  readonly element: HTMLElement;
  refresh(): Promise<PollOutcome>;
}

/** What every view gets from the shell. */
export interface ViewContext {
  readonly api: ApiClient;
  readonly kinds: readonly string[];
  readonly topics: readonly string[];
  /** Refresh the visible view now (after an action), resetting the poller's back-off. */
  readonly kick: () => void;
  /** Says something to screen readers and sighted users in the shell's status line. */
  readonly announce: (text: string) => void;
}
