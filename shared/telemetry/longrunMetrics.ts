import { metrics, type Counter, type Histogram } from '@opentelemetry/api';
import type { Job } from '../model/Job';
import { TELEMETRY_SCOPE } from './telemetryScope';

interface Instruments {
  readonly jobsStarted: Counter;
  readonly jobsEnded: Counter;
  readonly jobDuration: Histogram;
  readonly queueWait: Histogram;
  readonly deliveryAttempts: Counter;
  readonly deadLetters: Counter;
  readonly poisonMessages: Counter;
  readonly hooksDisabled: Counter;
}

let instruments: Instruments | undefined;

/**
 * Created at first use, which is after the wiring point started telemetry (the metrics API has no
 * proxy: a meter taken before the SDK starts stays a no-op).
 */
function get(): Instruments {
  if (instruments) return instruments;
  const meter = metrics.getMeter(TELEMETRY_SCOPE);
  instruments = {
    jobsStarted: meter.createCounter('longrun.jobs.started', { unit: '{job}', description: 'Jobs created, by kind.' }),
    jobsEnded: meter.createCounter('longrun.jobs.ended', { unit: '{job}', description: 'Jobs that reached a terminal status, by kind and status.' }),
    jobDuration: meter.createHistogram('longrun.job.duration', { unit: 's', description: 'From a job\'s creation to its end, by kind and status.' }),
    queueWait: meter.createHistogram('longrun.queue.wait', { unit: 's', description: 'From a message\'s insertion to its handler (a visibility delay included), by queue.' }),
    deliveryAttempts: meter.createCounter('longrun.delivery.attempts', { unit: '{attempt}', description: 'Delivery attempts, by target and outcome.' }),
    deadLetters: meter.createCounter('longrun.delivery.dead', { unit: '{delivery}', description: 'Deliveries dead-lettered, by target and reason.' }),
    poisonMessages: meter.createCounter('longrun.queue.poisoned', { unit: '{message}', description: 'Messages the host moved to a poison queue, by queue.' }),
    hooksDisabled: meter.createCounter('longrun.hooks.disabled', { unit: '{hook}', description: 'Webhook-trigger subscriptions disabled or removed, by topic and reason.' }),
  };
  return instruments;
}

/**
 * Longrun's metrics (ARCHITECTURE.md §10). Dimensions stay few and bounded: kind, status, queue,
 * target (`callback` | `hook`), outcome, reason, topic — never an id.
 */
export const longrunMetrics = {
  jobStarted(kind: string): void {
    get().jobsStarted.add(1, { kind });
  },
  jobEnded(job: Pick<Job, 'kind' | 'status' | 'createdAt' | 'completedAt' | 'updatedAt'>): void {
    const dimensions = { kind: job.kind, status: job.status };
    get().jobsEnded.add(1, dimensions);
    const seconds = (Date.parse(job.completedAt ?? job.updatedAt) - Date.parse(job.createdAt)) / 1000;
    if (Number.isFinite(seconds) && seconds >= 0) get().jobDuration.record(seconds, dimensions);
  },
  queueWait(queue: string, seconds: number): void {
    if (Number.isFinite(seconds) && seconds >= 0) get().queueWait.record(seconds, { queue });
  },
  deliveryAttempt(target: string, outcome: string): void {
    get().deliveryAttempts.add(1, { target, outcome });
  },
  deadLetter(target: string, reason: 'exhausted' | 'poisoned'): void {
    get().deadLetters.add(1, { target, reason });
  },
  poisonMessage(queue: string): void {
    get().poisonMessages.add(1, { queue });
  },
  hooksDisabled(topic: string, reason: 'failing' | 'gone', count: number): void {
    if (count > 0) get().hooksDisabled.add(count, { topic, reason });
  },
};
