/** Data from outside (parsed JSON) as indented JSON text, for a <pre> as text: strings stay strings, never markup. */
export function toJsonText(value: unknown): string {
  if (value === undefined) return '—';
  try {
    return JSON.stringify(value, null, 2) ?? '—';
  } catch {
    return '(unreadable)';
  }
}
