import { z } from 'zod';
import type { FunctionRegistration } from './functionsCore';
import type { QueueSettings } from './hostSettings';
import type { InFlightWork } from './inFlightWork';
import { toQueueServiceClient } from './queueClientFactory';
import { QueueListener } from './queueListener';
import { parseTimerSchedule } from './timerSchedule';
import { TimerScheduler } from './timerScheduler';
import { findTriggerBinding, resolveBindingExpression } from './triggerBinding';
import { isFunctionDisabled } from './isFunctionDisabled';

/** The queue and timer triggers of an app, started and stopped together. */
export interface BackgroundTriggers {
  start(): void;
  /** Stops polling and scheduling; running handlers are left to finish (see InFlightWork). */
  stop(): Promise<void>;
}

/** What the queue and timer triggers need from the host. */
export interface BackgroundTriggerOptions {
  readonly registrations: readonly FunctionRegistration[];
  readonly queues: QueueSettings;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly inFlight: InFlightWork;
}

const queueTriggerSchema = z.object({ queueName: z.string().min(1), connection: z.string().optional().nullable() }).loose();
const timerTriggerSchema = z.object({ schedule: z.string().min(1), runOnStartup: z.boolean().optional().nullable() }).loose();
const leaseSchema = z.coerce.number().int().min(1).max(604_800);

/**
 * Builds a QueueListener per queue trigger and a TimerScheduler per timer trigger. Throws at
 * start-up on a malformed trigger, an unset `%Setting%`, a bad schedule or a missing connection.
 * The lease (in-flight visibility) is `LONGRUN_HOST_QUEUE_LEASE_SECONDS`, default 600 as the host.
 * A function disabled by `AzureWebJobs.<name>.Disabled` gets no listener and no schedule.
 */
export function createBackgroundTriggers(options: BackgroundTriggerOptions): BackgroundTriggers {
  const { registrations, queues, env, inFlight } = options;
  const lease = leaseSchema.safeParse(env.LONGRUN_HOST_QUEUE_LEASE_SECONDS ?? 600);
  if (!lease.success) throw new Error('LONGRUN_HOST_QUEUE_LEASE_SECONDS must be a whole number of seconds from 1 to 604800');
  const listeners: QueueListener[] = [];
  const timers: TimerScheduler[] = [];
  for (const registration of registrations) {
    const name = registration.metadata.name;
    if (isFunctionDisabled(name, env)) continue;
    const queueTrigger = findTriggerBinding(registration, 'queueTrigger');
    if (queueTrigger) {
      const parsed = queueTriggerSchema.safeParse(queueTrigger.binding);
      if (!parsed.success) throw new Error(`Function "${name}": the queue trigger needs a queueName`);
      const queueName = resolveBindingExpression(parsed.data.queueName, env).toLowerCase();
      const service = toQueueServiceClient(parsed.data.connection || 'AzureWebJobsStorage', env);
      listeners.push(new QueueListener({
        registration,
        triggerName: queueTrigger.name,
        queue: service.getQueueClient(queueName),
        poisonQueue: service.getQueueClient(`${queueName}-poison`),
        settings: queues,
        leaseSeconds: lease.data,
        inFlight,
      }));
    }
    const timerTrigger = findTriggerBinding(registration, 'timerTrigger');
    if (timerTrigger) {
      const parsed = timerTriggerSchema.safeParse(timerTrigger.binding);
      if (!parsed.success) throw new Error(`Function "${name}": the timer trigger needs a schedule`);
      timers.push(new TimerScheduler({
        registration,
        triggerName: timerTrigger.name,
        schedule: parseTimerSchedule(resolveBindingExpression(parsed.data.schedule, env)),
        runOnStartup: parsed.data.runOnStartup ?? false,
        inFlight,
      }));
    }
  }
  return {
    start() {
      listeners.forEach((listener) => listener.start());
      timers.forEach((timer) => timer.start());
    },
    async stop() {
      timers.forEach((timer) => timer.stop());
      await Promise.all(listeners.map((listener) => listener.stop()));
    },
  };
}
