import { getConfig, resetConfig, type Config } from '../config';
import { createOutboundClient, type OutboundClient } from '../delivery/outboundClient';
import { DeliveryTargets } from '../delivery/DeliveryTargets';
import { toInlineBudget } from '../delivery/InlineBudget';
import type { DeliveryDeps } from '../delivery/runDelivery';
import { deriveTriggerStateKey } from '../events/deriveTriggerStateKey';
import { HookCounts, type HookDeps } from '../events/HookCounts';
import { publishHookDisabled } from '../events/publishHookDisabled';
import { registerHookTarget } from '../events/resolveHookDelivery';
import { toDeliveryObserver } from '../events/toDeliveryObserver';
import { createCallerCheck } from '../http/createCallerCheck';
import type { EntraTokenVerifier } from '../http/EntraTokenVerifier';
import type { JobKind } from '../jobs/defineJob';
import { toReplayDeliveriesKind } from '../jobs/kinds/replayDeliveries';
import { registerCallbackTarget } from '../jobs/resolveCallbackDelivery';
import { DeliveryLog } from '../storage/DeliveryLog';
import { DeliveryQueue } from '../storage/DeliveryQueue';
import { DeliveryStore } from '../storage/DeliveryStore';
import { EventStore } from '../storage/EventStore';
import { FanoutQueue } from '../storage/FanoutQueue';
import { HookStore } from '../storage/HookStore';
import { IdempotencyStore } from '../storage/IdempotencyStore';
import { JobQueue } from '../storage/JobQueue';
import { JobStore } from '../storage/JobStore';
import type { JobStores } from '../storage/JobStores';
import { PayloadStore } from '../storage/PayloadStore';
import { loadSealingKeys } from '../storage/loadSealingKeys';
import { SecretSealer } from '../storage/SecretSealer';
import { createStorageClients, type StorageClients } from '../storage/StorageClients';
import { SubscriberIndex } from '../storage/SubscriberIndex';
import { ensureStorage } from '../storage/ensureStorage';
import { QUEUES, TABLES } from '../storage/names';
import { startInstrumentation } from './startInstrumentation';

// Telemetry starts while the app loads, before any handler runs: every function imports this module.
startInstrumentation();

/**
 * Everything the app runs on, built once per process from the validated config. Functions take it
 * from getLongrun() and pass down what each step needs; nothing below this folder builds its own.
 */
export interface Longrun {
  readonly config: Config;
  /** The storage clients, once every table, queue and container exists. */
  readonly storage: StorageClients;
  /** Seals secrets at rest; its keys (LONGRUN_SECRET_KEYS, or the local key blob) are loaded once. */
  readonly sealer: SecretSealer;
  /**
   * The polling trigger's MAC keys, one derived from each sealing key (never loaded twice), newest
   * first: the first issues triggerStates, any verifies one, so states issued before a rotation go on.
   */
  readonly triggerStateKeys: readonly Buffer[];
  /** The job pipeline: jobs, payloads, the `jobs` queue, idempotency keys, webhook subscribers. */
  readonly jobStores: JobStores;
  /** The event feed. */
  readonly events: EventStore;
  /** The webhook triggers' subscriptions. */
  readonly hooks: HookStore;
  /** Each topic's hook count, cached for a few seconds: a topic without hooks costs no lookup per event. */
  readonly hookCounts: HookCounts;
  /** The `fanout` queue. */
  readonly fanout: FanoutQueue;
  /** The one outbound HTTP client: every callback and hook delivery goes through its address policy. */
  readonly outbound: OutboundClient;
  /** How a delivery's target becomes a request: the callback and hook resolvers. */
  readonly targets: DeliveryTargets;
  /** The delivery pipeline: the `deliveries` table and queue, the outbound client, the schedule, the targets. */
  readonly deliveries: DeliveryDeps;
  /** The deliveries' index by state and time (`deliverylog`). */
  readonly deliveryLog: DeliveryLog;
  /** Publishes `hook.disabled` when a URL's subscriptions are disabled or removed by their health. */
  readonly onHookDisabled: NonNullable<HookDeps['onHookDisabled']>;
  /** Job kinds the worker runs that no caller starts by name (the replay of dead deliveries). */
  readonly internalKinds: readonly JobKind[];
}

/** A value built on first use and kept; a failed build is not kept, so the next use builds again. */
class Once<T> {
  private value: Promise<T> | undefined;

  constructor(private readonly build: () => Promise<T>) {}

  get(): Promise<T> {
    if (!this.value) {
      const value = Promise.resolve().then(this.build);
      this.value = value;
      // Registered before any caller's handler: a caller who sees the failure already finds it forgotten.
      value.catch(() => {
        if (this.value === value) this.value = undefined;
      });
    }
    return this.value;
  }
}

function build(config: Config, storage: StorageClients, sealingKeys: readonly Buffer[], outbound: OutboundClient): Longrun {
  const sealer = new SecretSealer(sealingKeys);
  const jobStores: JobStores = {
    jobs: new JobStore(storage.table(TABLES.jobs), sealer),
    payloads: new PayloadStore(storage.payloads()),
    queue: new JobQueue(storage.queue(QUEUES.jobs)),
    idempotency: new IdempotencyStore(storage.table(TABLES.idempotency)),
    subscribers: new SubscriberIndex(storage.table(TABLES.idempotency)),
    sealer,
  };
  const events = new EventStore(storage.table(TABLES.events));
  const hooks = new HookStore(storage.table(TABLES.hooks), sealer);
  const hookCounts = HookCounts.over(hooks);
  const fanout = new FanoutQueue(storage.queue(QUEUES.fanout));
  const publishing = { events, hookCounts, fanout };
  const onHookDisabled = async (notice: Parameters<typeof publishHookDisabled>[1]): Promise<void> => {
    await publishHookDisabled(publishing, notice);
  };
  const targets = new DeliveryTargets();
  registerCallbackTarget(targets, jobStores);
  registerHookTarget(targets, { events, hooks, hookCounts, config, onHookDisabled });
  const deliveryLog = new DeliveryLog(storage.table(TABLES.deliverylog));
  const deliveries: DeliveryDeps = {
    store: new DeliveryStore(storage.table(TABLES.deliveries)),
    queue: new DeliveryQueue(storage.queue(QUEUES.deliveries)),
    client: outbound,
    schedule: config.LONGRUN_DELIVERY_SCHEDULE_SECONDS,
    inline: toInlineBudget(config.LONGRUN_DELIVERY_INLINE_BUDGET_MS, config.LONGRUN_DELIVERY_TIMEOUT_MS),
    resolve: (delivery) => targets.resolve(delivery),
    onStateChange: toDeliveryObserver({ ...publishing, log: deliveryLog }),
  };
  const triggerStateKeys = sealingKeys.map(deriveTriggerStateKey);
  const internalKinds = [toReplayDeliveriesKind({ log: deliveryLog, deliveries }) as JobKind];
  return { config, storage, sealer, triggerStateKeys, jobStores, events, hooks, hookCounts, fanout, outbound, targets, deliveries, deliveryLog, onHookDisabled, internalKinds };
}

/**
 * One process's wiring: the storage clients (built once, created once), the one outbound client
 * and the caller check (neither needs storage), and the app over them.
 */
function newWiring(): { storage: Once<StorageClients>; app: Once<Longrun>; callerCheck: () => EntraTokenVerifier } {
  let clients: StorageClients | undefined;
  let outboundClient: OutboundClient | undefined;
  let verifier: EntraTokenVerifier | undefined;
  const outbound = (): OutboundClient => {
    const config = getConfig();
    outboundClient ??= createOutboundClient({
      httpsOnly: config.LONGRUN_CALLBACK_HTTPS_ONLY,
      allowedNetworks: config.LONGRUN_CALLBACK_ALLOWED_NETWORKS,
      timeoutMs: config.LONGRUN_DELIVERY_TIMEOUT_MS,
    });
    return outboundClient;
  };
  const storage = new Once(async () => {
    clients ??= createStorageClients(getConfig().storage);
    await ensureStorage(clients);
    return clients;
  });
  const app = new Once(async () => {
    const config = getConfig();
    const ready = await storage.get();
    return build(config, ready, await loadSealingKeys(config, ready.payloads()), outbound());
  });
  const callerCheck = (): EntraTokenVerifier => (verifier ??= createCallerCheck(getConfig(), outbound()));
  return { storage, app, callerCheck };
}

let wiring = newWiring();

/** The validated settings (read once; a ConfigError names the bad setting). Reads no storage. */
export function getLongrunConfig(): Config {
  return getConfig();
}

/**
 * The storage clients once every table, queue and container exists, and nothing else (the health
 * check). Created at first use; a failure is not kept, so the next call tries again.
 */
export function getLongrunStorage(): Promise<StorageClients> {
  return wiring.storage.get();
}

/**
 * The app: storage created, the sealing keys loaded, every store, queue and the delivery pipeline
 * built. Once per process, at first use; a failure is not kept, so the next call tries again.
 */
export function getLongrun(): Promise<Longrun> {
  return wiring.app.get();
}

/**
 * The check of management callers when LONGRUN_AUTH=entra: the issuer's keys are cached for the
 * process and fetched through the one outbound client. Needs no storage.
 */
export function getCallerCheck(): EntraTokenVerifier {
  return wiring.callerCheck();
}

/** Forgets the config and everything built from it (tests change settings and accounts between cases). */
export function resetLongrun(): void {
  resetConfig();
  wiring = newWiring();
}
