import type { StorageOpsFigures } from './measureStorageOps';
import type { StartThroughputFigures } from './measureStartThroughput';
import type { StatusLatencyFigures } from './measureStatusLatency';
import type { CallbackLatencyFigures } from './measureCallbackLatency';
import type { Reconcile1MFigures } from './measureReconcile1M';

/** Where one figure stands against its target (reported, never enforced). */
export interface TargetStanding {
  readonly target: string;
  /** Undefined when the measure did not run. */
  readonly value?: number;
  readonly met?: boolean;
}

/** The figures a run produced (a measure that failed is absent). */
export interface BenchFigures {
  readonly storageOpsPerJob?: StorageOpsFigures;
  readonly startThroughput?: StartThroughputFigures;
  readonly statusLatency?: StatusLatencyFigures;
  readonly callbackLatencyMs?: CallbackLatencyFigures;
  readonly reconcile1M?: Reconcile1MFigures;
}

function stand(target: string, value: number | undefined, met: (v: number) => boolean): TargetStanding {
  return value === undefined ? { target } : { target, value, met: met(value) };
}

/** The targets, each with this run's figure. */
export function toTargets(figures: BenchFigures): Record<string, TargetStanding> {
  return {
    startVsFloor: stand('>= 0.8', figures.startThroughput?.startVsFloor, (v) => v >= 0.8),
    pollingStorageOpsPerJob: stand('<= 6', figures.storageOpsPerJob?.polling.perJob, (v) => v <= 6),
    pollingStorageOpsPerJobAlone: stand('<= 6', figures.storageOpsPerJob?.pollingAlone.perJob, (v) => v <= 6),
    statusLatencyRatioP50: stand('<= 1.5', figures.statusLatency?.ratio.p50, (v) => v <= 1.5),
    callbackFirstAttemptP50Ms: stand('< 50', figures.callbackLatencyMs?.p50, (v) => v < 50),
    reconcile1MPeakRssMb: stand('< 512', figures.reconcile1M?.peakRssMb, (v) => v < 512),
  };
}
