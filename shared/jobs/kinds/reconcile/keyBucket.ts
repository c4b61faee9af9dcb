/**
 * The bucket of `key` among `buckets`: FNV-1a (32 bits) over its UTF-16 code units. Stable across
 * versions and machines, since a checkpoint names buckets by number: changing it means bumping
 * the state's version.
 */
export function keyBucket(key: string, buckets: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % buckets;
}
