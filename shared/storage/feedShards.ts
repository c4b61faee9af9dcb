/**
 * The event feed of each topic is spread over this many table partitions (ARCHITECTURE.md §4).
 * NOTE: a table partition's target is 2,000 entities/s ("Scalability and performance targets for
 * Table storage"); an idempotent publish writes two (the event and its marker), so one partition
 * would cap a topic near 1,000 events/s, below the account's 20,000 requests/s. Eight shards give
 * 8,000 events/s (16,000 entities/s), above what the account carries at Longrun's calls per job.
 * Ids and marker keys map to shards modulo this number: changing it moves where an old event's
 * point read and an old marker are looked for, so change it only with the feed drained of markers
 * (after LONGRUN_RETENTION_DAYS), and only upwards (readers read shards 0..FEED_SHARDS-1).
 */
export const FEED_SHARDS = 8;

/**
 * The partition of a topic's shard: shard 0 is the topic's own name (where every event lived
 * before the feed was sharded, so those events stay in the feed), shard n is `<topic>~<n>` (topic
 * names cannot hold `~`, so no topic's partition is another's shard).
 */
export function toFeedPartition(topic: string, shard: number): string {
  return shard === 0 ? topic : `${topic}~${shard}`;
}

/** Every partition of a topic's feed, shard 0 first. */
export function toFeedPartitions(topic: string): string[] {
  return Array.from({ length: FEED_SHARDS }, (_, shard) => toFeedPartition(topic, shard));
}

/** Offset of the first random hex pair in an event id (`<13 digits>-<16 hex>`, see newEventId). */
const ID_RANDOM_OFFSET = 14;

/** The shard an event lives in, read from its id's first random byte: any reader finds it from the id alone. */
export function toEventShard(eventId: string): number {
  const byte = Number.parseInt(eventId.slice(ID_RANDOM_OFFSET, ID_RANDOM_OFFSET + 2), 16);
  return Number.isNaN(byte) ? 0 : byte % FEED_SHARDS;
}

/** The shard of an idempotency marker: from its key (a SHA-256 hex), so a repeat finds it without a scan. */
export function toMarkerShard(markerKey: string): number {
  const byte = Number.parseInt(markerKey.slice(0, 2), 16);
  return Number.isNaN(byte) ? 0 : byte % FEED_SHARDS;
}

/**
 * The random hex of an event id, its first byte moved to `shard` (the low bits of that byte name
 * it; 61 of its 64 bits stay random): an idempotent event must live in its marker's partition, so
 * the two are one atomic transaction.
 */
export function toShardedRandomHex(randomHex: string, shard: number): string {
  const byte = Number.parseInt(randomHex.slice(0, 2), 16);
  let placed = byte - (byte % FEED_SHARDS) + shard;
  if (placed > 0xff) placed -= FEED_SHARDS;
  return `${placed.toString(16).padStart(2, '0')}${randomHex.slice(2)}`;
}
