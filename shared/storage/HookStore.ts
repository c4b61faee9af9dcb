import type { TableClient } from '@azure/data-tables';
import type { Hook } from '../events/Hook';
import type { SecretSealer } from './SecretSealer';
import { isNotFound } from './storageErrors';

/** A hook and the ETag of its row. */
export interface StoredHook {
  readonly hook: Hook;
  readonly etag: string;
}

interface Entity {
  url: string;
  secret: string;
  tokenHashes: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  failingSince?: string;
}

/** The `hooks` table: PartitionKey = topic (fan-out lists one partition), RowKey = hook id. */
export class HookStore {
  constructor(
    private readonly table: TableClient,
    private readonly sealer: SecretSealer,
  ) {}

  private toEntity(hook: Hook): Entity & { partitionKey: string; rowKey: string } {
    return {
      partitionKey: hook.topic,
      rowKey: hook.id,
      url: this.sealer.seal(hook.url),
      secret: this.sealer.seal(hook.secret),
      tokenHashes: hook.tokenHashes.join(','),
      status: hook.status,
      createdAt: hook.createdAt,
      updatedAt: hook.updatedAt,
      ...(hook.failingSince ? { failingSince: hook.failingSince } : {}),
    };
  }

  private toHook(topic: string, id: string, e: Entity): Hook {
    return {
      id,
      topic,
      url: this.sealer.open(e.url),
      secret: this.sealer.open(e.secret),
      tokenHashes: e.tokenHashes.split(',').filter(Boolean),
      status: e.status === 'disabled' ? 'disabled' : 'active',
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
      ...(e.failingSince ? { failingSince: e.failingSince } : {}),
    };
  }

  /** Inserts a new hook; throws 409 when it exists. */
  async insert(hook: Hook): Promise<StoredHook> {
    const response = await this.table.createEntity(this.toEntity(hook));
    return { hook, etag: response.etag ?? '' };
  }

  async get(topic: string, id: string): Promise<StoredHook | undefined> {
    try {
      const entity = await this.table.getEntity<Entity>(topic, id);
      return { hook: this.toHook(topic, id, entity), etag: entity.etag };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** Replaces the row only if it still has `etag` (412 otherwise). */
  async replace(hook: Hook, etag: string): Promise<StoredHook> {
    const response = await this.table.updateEntity(this.toEntity(hook), 'Replace', { etag });
    return { hook, etag: response.etag ?? '' };
  }

  /** Deletes a hook; true when it was there. */
  async delete(topic: string, id: string): Promise<boolean> {
    try {
      await this.table.deleteEntity(topic, id);
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  /** The active hooks of a topic (one partition). */
  async listActive(topic: string): Promise<StoredHook[]> {
    const filter = `PartitionKey eq '${topic.replace(/'/g, "''")}' and status eq 'active'`;
    const hooks: StoredHook[] = [];
    for await (const entity of this.table.listEntities<Entity>({ queryOptions: { filter } })) {
      hooks.push({ hook: this.toHook(topic, entity.rowKey ?? '', entity), etag: entity.etag });
    }
    return hooks;
  }

  /** How many active hooks a topic has (reads keys and status only). */
  async countActive(topic: string): Promise<number> {
    const filter = `PartitionKey eq '${topic.replace(/'/g, "''")}' and status eq 'active'`;
    let count = 0;
    for await (const _ of this.table.listEntities({ queryOptions: { filter, select: ['RowKey'] } })) count++;
    return count;
  }
}
