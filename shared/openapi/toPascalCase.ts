/**
 * Turns a kind or topic name into the PascalCase part of an operationId or definition name:
 * `bake` -> `Bake`, `order.sync-v2` -> `OrderSyncV2`. Every character that is not a letter or
 * digit separates words, so the result holds letters and digits only.
 */
export function toPascalCase(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}
