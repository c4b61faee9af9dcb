import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { EVENT_ID_PATTERN, newEventId } from '../../../shared/events/eventId';
import { FEED_SHARDS, toEventShard, toFeedPartition, toFeedPartitions, toMarkerShard, toShardedRandomHex } from '../../../shared/storage/feedShards';

describe('feed shards: every topic\'s feed over FEED_SHARDS partitions', () => {
  test('shard 0 is the topic\'s own partition (where the feed lived before sharding); the others are `topic~n`', () => {
    assert.equal(toFeedPartition('order.created', 0), 'order.created');
    assert.equal(toFeedPartition('order.created', 3), 'order.created~3');
    const partitions = toFeedPartitions('job.completed');
    assert.equal(partitions.length, FEED_SHARDS);
    assert.equal(new Set(partitions).size, FEED_SHARDS);
    assert.equal(partitions[0], 'job.completed');
  });

  test('an event\'s shard is read from its id alone, and new ids spread evenly over the shards', () => {
    const counts = new Array<number>(FEED_SHARDS).fill(0);
    const n = 16_000;
    for (let i = 0; i < n; i++) {
      const shard = toEventShard(newEventId(1_718_000_000_000));
      counts[shard] = (counts[shard] ?? 0) + 1;
    }
    for (const count of counts) assert.ok(Math.abs(count / n - 1 / FEED_SHARDS) < 0.02, `share ${count / n}`);
  });

  test('an id made for a shard lands in that shard and is still a valid, time-ordered event id', () => {
    for (let shard = 0; shard < FEED_SHARDS; shard++) {
      for (let i = 0; i < 50; i++) {
        const id = newEventId(1_718_000_000_000 + i, shard);
        assert.match(id, EVENT_ID_PATTERN);
        assert.equal(toEventShard(id), shard);
      }
    }
    assert.ok(newEventId(1, 7) < newEventId(2, 0), 'the shard never changes the time order');
  });

  test('placing a shard keeps every other bit of the random part, at both ends of the byte range', () => {
    assert.equal(toShardedRandomHex('ff00112233445566', 0), 'f800112233445566');
    assert.equal(toShardedRandomHex('0000000000000000', FEED_SHARDS - 1), `0${(FEED_SHARDS - 1).toString(16)}00000000000000`);
    for (let byte = 0; byte < 256; byte++) {
      for (let shard = 0; shard < FEED_SHARDS; shard++) {
        const placed = Number.parseInt(toShardedRandomHex(byte.toString(16).padStart(2, '0') + '00000000000000', shard).slice(0, 2), 16);
        assert.ok(placed >= 0 && placed <= 255);
        assert.equal(placed % FEED_SHARDS, shard);
      }
    }
  });

  test('a marker\'s shard follows from its key, so a repeat finds it without a scan, and keys spread over the shards', () => {
    const key = createHash('sha256').update('event:order.created\nrun-1').digest('hex');
    assert.equal(toMarkerShard(key), toMarkerShard(key));
    const seen = new Set(Array.from({ length: 400 }, (_, i) => toMarkerShard(createHash('sha256').update(`k${i}`).digest('hex'))));
    assert.equal(seen.size, FEED_SHARDS);
  });
});
