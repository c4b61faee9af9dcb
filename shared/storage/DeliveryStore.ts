import { odata, type TableClient } from '@azure/data-tables';
import type { Delivery, DeliveryAttempt, DeliveryStatus, DeliveryTarget } from '../model/Delivery';
import { isConflict, isNotFound } from './storageErrors';

/** A delivery and the ETag of its row. */
export interface StoredDelivery {
  readonly delivery: Delivery;
  readonly etag: string;
}

interface Entity {
  target: string;
  status: string;
  attempts: string;
  attemptCount?: number;
  attemptsInRound: number;
  createdAt: string;
  updatedAt: string;
  nextAttemptAt?: string;
}

const ROW = 'delivery';

function toEntity(d: Delivery): Entity & { partitionKey: string; rowKey: string } {
  return {
    partitionKey: d.id,
    rowKey: ROW,
    target: JSON.stringify(d.target),
    status: d.status,
    attempts: JSON.stringify(d.attempts),
    ...(d.attemptCount !== undefined ? { attemptCount: d.attemptCount } : {}),
    attemptsInRound: d.attemptsInRound,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    ...(d.nextAttemptAt ? { nextAttemptAt: d.nextAttemptAt } : {}),
  };
}

function toDelivery(id: string, e: Entity): Delivery {
  return {
    id,
    target: JSON.parse(e.target) as DeliveryTarget,
    status: e.status as DeliveryStatus,
    attempts: JSON.parse(e.attempts) as DeliveryAttempt[],
    ...(typeof e.attemptCount === 'number' ? { attemptCount: e.attemptCount } : {}),
    attemptsInRound: e.attemptsInRound,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    ...(e.nextAttemptAt ? { nextAttemptAt: e.nextAttemptAt } : {}),
  };
}

/** The `deliveries` table: one row per delivery with its attempts (status, duration, error; never a URL). */
export class DeliveryStore {
  constructor(private readonly table: TableClient) {}

  /** Inserts a new delivery; throws 409 when it exists. */
  async insert(delivery: Delivery): Promise<StoredDelivery> {
    const response = await this.table.createEntity(toEntity(delivery));
    return { delivery, etag: response.etag ?? '' };
  }

  async get(id: string): Promise<StoredDelivery | undefined> {
    try {
      const entity = await this.table.getEntity<Entity>(id, ROW);
      return { delivery: toDelivery(id, entity), etag: entity.etag };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** Replaces the row only if it still has `etag` (412 otherwise). */
  async replace(delivery: Delivery, etag: string): Promise<StoredDelivery> {
    const response = await this.table.updateEntity(toEntity(delivery), 'Replace', { etag });
    return { delivery, etag: response.etag ?? '' };
  }

  /** Retention: deletes deliveries that ended (any status but pending) before `before` (ISO time). */
  async purgeEndedBefore(before: string): Promise<number> {
    let purged = 0;
    const filter = odata`status ne 'pending' and updatedAt lt ${before}`;
    for await (const entity of this.table.listEntities({ queryOptions: { filter, select: ['PartitionKey'] } })) {
      try {
        // Conditional: a delivery replayed since it was listed keeps its row.
        await this.table.deleteEntity(entity.partitionKey ?? '', ROW, { etag: entity.etag });
        purged++;
      } catch (error) {
        if (!isNotFound(error) && !isConflict(error)) throw error;
      }
    }
    return purged;
  }

  /** Pending deliveries whose next attempt was due before `before`: their message was lost. */
  async *listOverdue(before: string): AsyncIterable<StoredDelivery> {
    const filter = odata`status eq 'pending' and nextAttemptAt lt ${before}`;
    for await (const entity of this.table.listEntities<Entity>({ queryOptions: { filter } })) {
      yield { delivery: toDelivery(entity.partitionKey ?? '', entity), etag: entity.etag };
    }
  }
}
