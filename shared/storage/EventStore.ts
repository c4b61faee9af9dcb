import { odata, type TableClient } from '@azure/data-tables';
import { fromEventJson, type Event } from '../model/Event';
import { isConflict, isNotFound } from './storageErrors';
import { toEventShard, toFeedPartition, toFeedPartitions, toMarkerShard } from './feedShards';

/**
 * NOTE: a table string property holds at most 64 KiB of UTF-16, i.e. 32,768 characters
 * (learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model), so the
 * event JSON is split over `json0`, `json1`, … properties of at most this many characters.
 */
const CHUNK_CHARS = 32_000;
const MAX_CHUNKS = 15; // an entity holds at most 1 MiB: 15 chunks of 64,000 bytes leave room for the keys

/**
 * Idempotency markers share their event's partition (the shard their key names): the two are one
 * atomic transaction. Their RowKeys start with a letter: they sort after every event id (digits)
 * and never fall in a feed read, which stays below the settle horizon's digits.
 */
const MARKER_PREFIX = 'once-';

type Entity = Record<string, unknown>;

/** The marker of an idempotent append: which event a key made, and a hash of what it was asked with. */
export interface AppendMarker {
  /** Identifies the request within the topic (e.g. SHA-256 hex of the Idempotency-Key): [0-9a-z-], 1..200. */
  readonly key: string;
  readonly requestHash: string;
}

/** What an idempotent append did: appended `event`, or found the event an earlier append made. */
export interface AppendOnceResult {
  readonly event: Event;
  readonly existing: boolean;
  /** The marker's request hash: differs from the one given when the key was used for other data. */
  readonly requestHash: string;
}

function toChunks(json: string): Record<string, string> {
  const chunks: Record<string, string> = {};
  for (let i = 0; i * CHUNK_CHARS < json.length; i++) chunks[`json${i}`] = json.slice(i * CHUNK_CHARS, (i + 1) * CHUNK_CHARS);
  if (Object.keys(chunks).length > MAX_CHUNKS) throw new RangeError(`An event JSON of ${json.length} characters does not fit one row`);
  return chunks;
}

function fromEntity(entity: Entity): Event {
  let json = '';
  for (let i = 0; typeof entity[`json${i}`] === 'string'; i++) json += entity[`json${i}`] as string;
  return fromEventJson(json);
}

/** The partition an event lives in: its topic's shard named by its id. */
function partitionOf(event: Pick<Event, 'type' | 'id'>): string {
  return toFeedPartition(event.type, toEventShard(event.id));
}

function toEntity(event: Event): Entity & { partitionKey: string; rowKey: string } {
  return { partitionKey: partitionOf(event), rowKey: event.id, ...toChunks(JSON.stringify(event)) };
}

/** `legacyMarker`: also look for the key's marker where markers lived before sharding (the topic's own partition): one more read. */
export interface AppendOnceOptions {
  readonly legacyMarker?: boolean;
}

/**
 * The `events` table, the event feed of each topic over FEED_SHARDS partitions (storage/feedShards:
 * PartitionKey = topic or `topic~n`, the shard its id names; RowKey = event id, time-ordered, so
 * each partition reads in publication order and a read merges the shards by id). A row holds the
 * event's JSON.
 */
export class EventStore {
  constructor(private readonly table: TableClient) {}

  /** Appends one event; throws (409) when its id exists. One table write. */
  async append(event: Event): Promise<void> {
    await this.table.createEntity(toEntity(event));
  }

  /**
   * Appends the event and its marker in one atomic transaction (one storage call), unless the
   * marker exists: then answers the event the marker names. Concurrent appends with one key make
   * one event. A marker whose event is gone (retention) is replaced once.
   */
  async appendOnce(event: Event, marker: AppendMarker, options: AppendOnceOptions = {}): Promise<AppendOnceResult> {
    const rowKey = `${MARKER_PREFIX}${marker.key}`;
    const shard = toMarkerShard(marker.key);
    if (toEventShard(event.id) !== shard) throw new RangeError(`Event ${event.id} is not in its marker's shard ${shard}: make its id with newEventId(now, shard)`);
    const partition = toFeedPartition(event.type, shard);
    if (options.legacyMarker && shard !== 0) {
      const legacy = await this.readMarker(event.type, rowKey);
      const existing = legacy && (await this.get(event.type, legacy.eventId));
      if (legacy && existing) return { event: existing, existing: true, requestHash: legacy.requestHash };
    }
    for (let attempt = 0; ; attempt++) {
      try {
        await this.table.submitTransaction([
          ['create', toEntity(event)],
          ['create', { partitionKey: partition, rowKey, eventId: event.id, requestHash: marker.requestHash, createdAt: event.timestamp }],
        ]);
        return { event, existing: false, requestHash: marker.requestHash };
      } catch (error) {
        if (!isConflict(error)) throw error;
        const found = await this.readMarker(partition, rowKey);
        if (!found) throw error;
        const existing = await this.get(event.type, found.eventId);
        if (existing) return { event: existing, existing: true, requestHash: found.requestHash };
        if (attempt > 0) throw error;
        await this.deleteMarker(partition, rowKey, found.etag);
      }
    }
  }

  /**
   * One point read in the shard the id names; undefined when there is no such event. An event written
   * before sharding lives in shard 0 whatever its id: read there too, only when the first finds nothing.
   */
  async get(topic: string, id: string): Promise<Event | undefined> {
    const partition = partitionOf({ type: topic, id });
    return (await this.read(partition, id)) ?? (partition === topic ? undefined : await this.read(topic, id));
  }

  private async read(partition: string, id: string): Promise<Event | undefined> {
    try {
      return fromEntity(await this.table.getEntity<Entity>(partition, id));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /**
   * The events of a topic with `after < id < before`, oldest first, at most `limit`. `after` and
   * `before` are event ids or id prefixes (see toEventIdPrefix). One query per shard, all at once,
   * each taking its first `limit` rows: the topic's first `limit` events are among them, and ids
   * are unique and time-ordered, so merging by id gives the feed's order.
   */
  async listBetween(topic: string, range: { after: string; before: string; limit: number }): Promise<Event[]> {
    const shards = await Promise.all(toFeedPartitions(topic).map((partition) => this.listPartition(partition, range)));
    return shards
      .flat()
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, range.limit);
  }

  private async listPartition(partition: string, range: { after: string; before: string; limit: number }): Promise<Event[]> {
    const filter = odata`PartitionKey eq ${partition} and RowKey gt ${range.after} and RowKey lt ${range.before}`;
    const events: Event[] = [];
    const pages = this.table.listEntities<Entity>({ queryOptions: { filter } }).byPage({ maxPageSize: range.limit });
    for await (const page of pages) {
      for (const entity of page) {
        events.push(fromEntity(entity));
        if (events.length >= range.limit) return events;
      }
    }
    return events;
  }

  private async readMarker(partition: string, rowKey: string): Promise<{ eventId: string; requestHash: string; etag: string } | undefined> {
    try {
      const entity = await this.table.getEntity<Entity>(partition, rowKey);
      return { eventId: String(entity.eventId), requestHash: String(entity.requestHash), etag: entity.etag };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  private async deleteMarker(partition: string, rowKey: string, etag: string): Promise<void> {
    try {
      await this.table.deleteEntity(partition, rowKey, { etag });
    } catch (error) {
      // Someone else replaced it first: the next attempt reads theirs.
      if (!isConflict(error) && !isNotFound(error)) throw error;
    }
  }

  /**
   * Retention: deletes a topic's events with ids before `beforeId` (one range of each shard) and
   * the Idempotency-Key markers created before `beforeTime`. Returns how many events went.
   */
  async purgeBefore(topic: string, beforeId: string, beforeTime: string): Promise<number> {
    let purged = 0;
    for (const partition of toFeedPartitions(topic)) {
      const events = odata`PartitionKey eq ${partition} and RowKey lt ${beforeId}`;
      const markers = odata`PartitionKey eq ${partition} and RowKey ge ${MARKER_PREFIX} and createdAt lt ${beforeTime}`;
      for (const filter of [events, markers]) {
        for await (const entity of this.table.listEntities({ queryOptions: { filter, select: ['RowKey'] } })) {
          try {
            await this.table.deleteEntity(partition, entity.rowKey ?? '', { etag: entity.etag });
            if (filter === events) purged++;
          } catch (error) {
            if (!isNotFound(error) && !isConflict(error)) throw error;
          }
        }
      }
    }
    return purged;
  }
}
