/**
 * Significant digits an amount keeps: a double holds any 15-digit decimal exactly, so digits past
 * that, relative to the magnitude involved, are binary noise (0.1 + 0.2 = 0.30000000000000004).
 */
export const SIGNIFICANT_DIGITS = 15;

/**
 * Rounds `value` to {@link SIGNIFICANT_DIGITS} significant digits of `magnitude`: the size of the
 * numbers it was computed from (for a sum, the sum of their absolute values; for a difference,
 * the larger operand). So 100.1 - 100 gives 0.1, not 0.09999999999999432, and a difference
 * exactly at the tolerance is not pushed past it by noise. Never returns -0.
 */
export function roundAmount(value: number, magnitude: number): number {
  if (value === 0 || !(magnitude > 0)) return value === 0 ? 0 : value;
  const integerDigits = Math.floor(Math.log10(magnitude)) + 1;
  const decimals = Math.min(100, Math.max(0, SIGNIFICANT_DIGITS - integerDigits));
  const rounded = Number(value.toFixed(decimals));
  return rounded === 0 ? 0 : rounded;
}
