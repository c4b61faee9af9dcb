/**
 * FNV-1a (32 bits) over the UTF-16 code units of `key`. It places keys in buckets and in the key
 * tables, and is stable across versions and machines, since a checkpoint names buckets by number:
 * changing it means bumping the state's version.
 */
export function keyHash(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The bucket of a key of hash `hash` (see {@link keyHash}) among `buckets`. */
export function keyBucket(hash: number, buckets: number): number {
  return hash % buckets;
}
