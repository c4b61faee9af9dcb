// Words shown in capitals in the designer (sentence case keeps the rest lowercase).
const ACRONYMS = new Set(['id', 'url', 'uri', 'uuid', 'json', 'html', 'http', 'https', 'ip', 'utc']);

/**
 * Derives a property's `x-ms-summary` from its name, in sentence case:
 * `order_key` -> `Order key`, `createdAt` -> `Created at`, `callbackUrl` -> `Callback URL`.
 */
export function toDisplayName(propertyName: string): string {
  const words = propertyName
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => {
      const lower = word.toLowerCase();
      if (ACRONYMS.has(lower) || (word.length > 1 && word === word.toUpperCase() && /[A-Z]/.test(word))) {
        return word.toUpperCase();
      }
      return lower;
    });
  if (words.length === 0) return propertyName;
  const [first, ...rest] = words as [string, ...string[]];
  return [first.charAt(0).toUpperCase() + first.slice(1), ...rest].join(' ');
}
