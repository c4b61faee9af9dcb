import type { FunctionRegistration } from './functionsCore';
import { toErrorMessage, writeLogLine } from './hostLog';
import type { InFlightWork } from './inFlightWork';
import { invokeFunction, type InvocationInput } from './invokeFunction';
import { nextOccurrence, type TimerSchedule } from './timerSchedule';

/** What one timer-triggered function needs to run on schedule. */
export interface TimerSchedulerOptions {
  readonly registration: FunctionRegistration;
  readonly triggerName: string;
  readonly schedule: TimerSchedule;
  /** The trigger's `runOnStartup`: one invocation right after start. */
  readonly runOnStartup: boolean;
  readonly inFlight: InFlightWork;
}

/** The largest delay setTimeout honours; longer waits are re-armed. */
const MAX_TIMEOUT_MS = 2_147_483_647;

/**
 * The timer trigger's RPC data: the host's TimerInfo JSON (PascalCase; the library camel-cases it
 * to `{ schedule, scheduleStatus, isPastDue }`).
 */
export function toTimerInvocationInput(triggerName: string, status?: { last: Date; next: Date }): InvocationInput {
  const timerInfo = {
    Schedule: { AdjustForDST: true },
    ScheduleStatus: status ? { Last: status.last.toISOString(), Next: status.next.toISOString(), LastUpdated: new Date().toISOString() } : null,
    IsPastDue: false,
  };
  return { inputData: [{ name: triggerName, data: { json: JSON.stringify(timerInfo) } }] };
}

/** Runs one timer function on its NCRONTAB schedule; the next occurrence is computed after each run ends. */
export class TimerScheduler {
  readonly #options: TimerSchedulerOptions;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;
  #last = new Date(0);

  constructor(options: TimerSchedulerOptions) {
    this.#options = options;
  }

  start(): void {
    if (this.#options.runOnStartup) void this.#fire();
    else this.#arm();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  #arm(): void {
    if (this.#stopped) return;
    const due = nextOccurrence(this.#options.schedule, new Date()).getTime();
    const wait = (): void => {
      const remaining = due - Date.now();
      if (remaining > MAX_TIMEOUT_MS) this.#timer = setTimeout(wait, MAX_TIMEOUT_MS);
      else this.#timer = setTimeout(() => void this.#fire(), Math.max(0, remaining));
    };
    wait();
  }

  /** Never rejects: a failed run is logged and the next one is scheduled. */
  async #fire(): Promise<void> {
    const { registration, triggerName, schedule, inFlight } = this.#options;
    const now = new Date();
    const input = toTimerInvocationInput(triggerName, { last: this.#last, next: nextOccurrence(schedule, now) });
    this.#last = now;
    try {
      await inFlight.run(() => invokeFunction(registration, input));
    } catch (error) {
      writeLogLine(registration.metadata.name, 'error', `Executed with an error: ${toErrorMessage(error)}`);
    }
    this.#arm();
  }
}
