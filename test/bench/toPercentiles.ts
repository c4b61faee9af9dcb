/** The spread of a set of samples (milliseconds, or whatever unit the samples are in). */
export interface Percentiles {
  readonly n: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/** Nearest-rank percentiles, rounded to 0.1; all zero when there are no samples. */
export function toPercentiles(samples: readonly number[]): Percentiles {
  if (samples.length === 0) return { n: 0, p50: 0, p99: 0, max: 0 };
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
  const round = (v: number): number => Math.round(v * 10) / 10;
  return { n: sorted.length, p50: round(at(50)), p99: round(at(99)), max: round(sorted[sorted.length - 1] ?? 0) };
}

/** `a / b` rounded to 0.01 (0 when b is 0, so a figure is never Infinity in the JSON). */
export function toRatio(a: number, b: number): number {
  return b === 0 ? 0 : Math.round((a / b) * 100) / 100;
}
