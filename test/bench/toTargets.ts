import type { StorageOpsFigures } from './measureStorageOps';
import type { StartThroughputFigures } from './measureStartThroughput';
import type { StatusLatencyFigures } from './measureStatusLatency';
import type { CallbackLatencyFigures } from './measureCallbackLatency';
import type { Reconcile1MFigures } from './measureReconcile1M';
import type { AzureLikeFigures } from './measureAzureLike';
import type { RetryAfterRow } from './measureRetryAfter';
import type { PartitionFigures } from './measurePartitions';

/** Where one figure stands against its target (reported, never enforced). */
export interface TargetStanding {
  readonly target: string;
  /** Undefined when the measure did not run. */
  readonly value?: number;
  readonly met?: boolean;
}

/** One row of the reconcile scaling runs. */
export interface ReconcileScalingRow {
  readonly recordsPerSide: number;
  readonly peakRssMb: number;
  readonly seconds: number;
}

/** The figures a run produced (a measure that failed is absent). */
export interface BenchFigures {
  readonly storageOpsPerJob?: StorageOpsFigures;
  readonly startThroughput?: StartThroughputFigures;
  readonly azureLike?: AzureLikeFigures;
  readonly statusLatency?: StatusLatencyFigures;
  readonly callbackLatencyMs?: CallbackLatencyFigures;
  readonly retryAfter?: readonly RetryAfterRow[];
  readonly partitions?: PartitionFigures;
  readonly reconcile1M?: Reconcile1MFigures;
  readonly reconcileScaling?: readonly ReconcileScalingRow[];
}

function stand(target: string, value: number | undefined, met: (v: number) => boolean): TargetStanding {
  return value === undefined || Number.isNaN(value) ? { target } : { target, value, met: met(value) };
}

const round = (v: number): number => Math.round(v * 1000) / 1000;

/** The targets, each with this run's figure. */
export function toTargets(figures: BenchFigures): Record<string, TargetStanding> {
  const scaling = figures.reconcileScaling ?? [];
  const smallest = scaling.find((r) => r.recordsPerSide === 250_000);
  const largest = scaling.find((r) => r.recordsPerSide === 1_000_000);
  const growth = smallest && largest ? round(largest.peakRssMb / smallest.peakRssMb - 1) : undefined;
  const retry = figures.retryAfter;
  const worstPolls = retry && retry.length > 0 ? Math.max(...retry.map((r) => r.polls)) : undefined;
  // The lag against its allowance, max(2 s, 15 % of the job): at most 1 means every job met it.
  const worstLag = retry && retry.length > 0 ? round(Math.max(...retry.map((r) => r.detectionLagMs / Math.max(2000, r.jobSeconds * 150)))) : undefined;
  const partitions = figures.partitions;
  return {
    startVsFloor: stand('>= 0.8', figures.startThroughput?.startVsFloor, (v) => v >= 0.8),
    startVsMinimal: stand('>= 0.7', figures.startThroughput?.startVsMinimal, (v) => v >= 0.7),
    pollingStorageOpsPerJob: stand('<= 6', figures.storageOpsPerJob?.polling.perJob, (v) => v <= 6),
    pollingStorageOpsPerJobAlone: stand('<= 6', figures.storageOpsPerJob?.pollingAlone.perJob, (v) => v <= 6),
    jobListPageOf100Queries: stand('1', figures.storageOpsPerJob?.jobListPage.perJob, (v) => v === 1),
    statusLatencyRatioP50: stand('<= 1.5', figures.statusLatency?.ratio.p50, (v) => v <= 1.5),
    azureLikeStatusRatioP50: stand('<= 1.5', figures.azureLike?.statusRatioP50, (v) => v <= 1.5),
    callbackFirstAttemptP50Ms: stand('< 50', figures.callbackLatencyMs?.p50, (v) => v < 50),
    reconcile1MPeakRssMb: stand('< 256', figures.reconcile1M?.peakRssMb, (v) => v < 256),
    reconcilePeakRssGrowth250kTo1M: stand('< 0.15', growth, (v) => v < 0.15),
    retryAfterMostPolls: stand('<= 6', worstPolls, (v) => v <= 6),
    retryAfterWorstLagOfAllowance: stand('<= 1 (lag within max(2 s, 15 % of the job))', worstLag, (v) => v <= 1),
    partitionsBusiestShare: stand(partitions ? `<= ${round(1 / partitions.shards + 0.05)} (1/shards + 0.05)` : '<= 1/shards + 0.05', partitions?.busiestShare, (v) => partitions !== undefined && v <= 1 / partitions.shards + 0.05),
  };
}
