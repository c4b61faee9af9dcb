/**
 * Ascending record indices stored as gaps (the first index, then each one's distance from the
 * previous): a checkpoint's JSON then costs about 2 to 4 bytes per listed record instead of up to 8.
 */
export function toGaps(ascending: readonly number[]): number[] {
  const gaps = new Array<number>(ascending.length);
  let previous = 0;
  for (let i = 0; i < ascending.length; i++) {
    const value = ascending[i] ?? 0;
    gaps[i] = value - previous;
    previous = value;
  }
  return gaps;
}

/** The ascending indices that {@link toGaps} encoded. */
export function fromGaps(gaps: readonly number[]): number[] {
  const ascending = new Array<number>(gaps.length);
  let running = 0;
  for (let i = 0; i < gaps.length; i++) {
    running += gaps[i] ?? 0;
    ascending[i] = running;
  }
  return ascending;
}
