/**
 * A description as the certification asks for it: a sentence ending in a full stop. Text that
 * already ends with one is kept; otherwise a full stop is added (`Bake a cake` -> `Bake a cake.`).
 */
export function toSentence(text: string): string {
  const trimmed = text.trim();
  return trimmed.endsWith('.') ? trimmed : `${trimmed}.`;
}
