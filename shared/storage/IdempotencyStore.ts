import type { TableClient } from '@azure/data-tables';
import { createHash } from 'node:crypto';
import { isConflict, isNotFound } from './storageErrors';

/** What an Idempotency-Key maps to: the id of what it created (a job, an event) and the hash of the request. */
export interface IdempotencyRecord {
  readonly id: string;
  readonly requestHash: string;
}

/** The `idempotency` table: PartitionKey = SHA-256 of (scope, key); the key itself is not stored. */
export class IdempotencyStore {
  constructor(private readonly table: TableClient) {}

  static keyOf(scope: string, key: string): string {
    return createHash('sha256').update(`${scope}\n${key}`).digest('hex');
  }

  /** Claims the key for a job; returns the existing record when the key was claimed before. */
  async claim(scope: string, key: string, record: IdempotencyRecord): Promise<IdempotencyRecord | undefined> {
    const partitionKey = IdempotencyStore.keyOf(scope, key);
    try {
      await this.table.createEntity({ partitionKey, rowKey: '', ...record, createdAt: new Date().toISOString() });
      return undefined;
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
    const existing = await this.table.getEntity<{ id: string; requestHash: string }>(partitionKey, '');
    return { id: existing.id, requestHash: existing.requestHash };
  }

  /** The record of a key claimed before, or undefined (one point read; claims nothing). */
  async find(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    try {
      const existing = await this.table.getEntity<{ id: string; requestHash: string }>(IdempotencyStore.keyOf(scope, key), '');
      return { id: existing.id, requestHash: existing.requestHash };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** Frees a key whose target could not be created, so a retry can claim it again. */
  async release(scope: string, key: string): Promise<void> {
    try {
      await this.table.deleteEntity(IdempotencyStore.keyOf(scope, key), '');
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  /** Deletes keys (and subscriber index rows) created before `before` (ISO time): retention. */
  async purgeBefore(before: string): Promise<void> {
    const filter = `createdAt lt '${before.replace(/'/g, "''")}'`;
    for await (const entity of this.table.listEntities({ queryOptions: { filter, select: ['PartitionKey', 'RowKey'] } })) {
      try {
        await this.table.deleteEntity(entity.partitionKey ?? '', entity.rowKey ?? '');
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    }
  }
}
