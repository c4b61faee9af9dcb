import { odata, type TableClient } from '@azure/data-tables';
import type { Hook } from '../model/Hook';
import { WORKFLOW_HEADER_NAMES, type WorkflowIdentity } from '../model/WorkflowIdentity';
import type { SecretSealer } from './SecretSealer';
import { isConflict, isNotFound } from './storageErrors';

/** A hook (one subscription) and the ETag of its row. */
export interface StoredHook {
  readonly hook: Hook;
  readonly etag: string;
}

/** Workflow headers that an unsubscribe may be matched on (every one given must be equal). */
export type WorkflowMatch = Partial<Pick<WorkflowIdentity, (typeof MATCH_FIELDS)[number]>>;

/** The recorded headers an unsubscribe can be matched on: the only column names a match query names. */
const MATCH_FIELDS = ['clientTrackingId', 'workflowRunId', 'workflowName', 'operationName'] as const;

type WorkflowColumns = { -readonly [K in keyof WorkflowIdentity]?: string };

interface Entity extends WorkflowColumns {
  url: string;
  /** Absent on rows of the one-row-per-URL model, whose RowKey is their URL key. */
  urlKey?: string;
  secret: string;
  tokenHashes: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  failingSince?: string;
  disabledAt?: string;
  disabledReason?: string;
}

const WORKFLOW_FIELDS = Object.keys(WORKFLOW_HEADER_NAMES) as (keyof WorkflowIdentity)[];

/**
 * The `hooks` table: PartitionKey = topic (fan-out lists one partition), RowKey = hook id, one row
 * per subscription. The callback URL and the secret are sealed; the URL key and the workflow
 * headers are plain so that queries within the topic's partition can find them.
 */
export class HookStore {
  constructor(
    private readonly table: TableClient,
    private readonly sealer: SecretSealer,
  ) {}

  private toEntity(hook: Hook): Entity & { partitionKey: string; rowKey: string } {
    const workflow: WorkflowColumns = {};
    for (const field of WORKFLOW_FIELDS) if (hook.workflow[field]) workflow[field] = hook.workflow[field];
    return {
      partitionKey: hook.topic,
      rowKey: hook.id,
      url: this.sealer.seal(hook.url),
      urlKey: hook.urlKey,
      secret: this.sealer.seal(hook.secret),
      tokenHashes: hook.tokenHashes.join(','),
      status: hook.status,
      createdAt: hook.createdAt,
      updatedAt: hook.updatedAt,
      ...(hook.failingSince ? { failingSince: hook.failingSince } : {}),
      ...(hook.disabledAt ? { disabledAt: hook.disabledAt } : {}),
      ...(hook.disabledReason ? { disabledReason: hook.disabledReason } : {}),
      ...workflow,
    };
  }

  private toStored(topic: string, id: string, e: Entity & { etag: string }): StoredHook {
    const workflow: WorkflowColumns = {};
    for (const field of WORKFLOW_FIELDS) if (typeof e[field] === 'string' && e[field]) workflow[field] = e[field];
    const hook: Hook = {
      id,
      topic,
      url: this.sealer.open(e.url),
      urlKey: e.urlKey ?? id,
      secret: this.sealer.open(e.secret),
      tokenHashes: e.tokenHashes.split(',').filter(Boolean),
      status: e.status === 'disabled' ? 'disabled' : 'active',
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
      ...(e.failingSince ? { failingSince: e.failingSince } : {}),
      ...(e.status === 'disabled' && e.disabledAt ? { disabledAt: e.disabledAt } : {}),
      ...(e.status === 'disabled' && e.disabledReason ? { disabledReason: e.disabledReason } : {}),
      workflow,
    };
    return { hook, etag: e.etag };
  }

  private async list(topic: string, filter: string): Promise<StoredHook[]> {
    const hooks: StoredHook[] = [];
    for await (const entity of this.table.listEntities<Entity>({ queryOptions: { filter } })) {
      hooks.push(this.toStored(topic, entity.rowKey ?? '', entity));
    }
    return hooks;
  }

  /** Inserts a new hook; throws 409 when the id exists. */
  async insert(hook: Hook): Promise<StoredHook> {
    const response = await this.table.createEntity(this.toEntity(hook));
    return { hook, etag: response.etag ?? '' };
  }

  async get(topic: string, id: string): Promise<StoredHook | undefined> {
    try {
      return this.toStored(topic, id, await this.table.getEntity<Entity>(topic, id));
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

  /**
   * Deletes a hook; true when this call removed it. False when it was already gone or, with `etag`,
   * when it changed since it was read (then it stays).
   */
  async delete(topic: string, id: string, etag?: string): Promise<boolean> {
    try {
      await this.table.deleteEntity(topic, id, etag ? { etag } : {});
      return true;
    } catch (error) {
      if (isNotFound(error) || (etag && isConflict(error))) return false;
      throw error;
    }
  }

  /** The active hooks of a topic (one partition). */
  async listActive(topic: string): Promise<StoredHook[]> {
    return this.list(topic, odata`PartitionKey eq ${topic} and status eq 'active'`);
  }

  /** Every hook (active or disabled) of one callback URL of a topic, by its URL key. */
  async listByUrl(topic: string, urlKey: string): Promise<StoredHook[]> {
    // RowKey: a row of the one-row-per-URL model has no urlKey column; its id is its URL key.
    return this.list(topic, odata`PartitionKey eq ${topic} and (urlKey eq ${urlKey} or RowKey eq ${urlKey})`);
  }

  /** The hooks of a topic whose recorded workflow headers equal every header given (none given: none found). */
  async findByWorkflow(topic: string, match: WorkflowMatch): Promise<StoredHook[]> {
    // Column names come from the fixed list; only the values are interpolated (and escaped).
    const clauses = MATCH_FIELDS.flatMap((field) => (match[field] ? [`${field} eq '${match[field].replace(/'/g, "''")}'`] : []));
    if (clauses.length === 0) return [];
    return this.list(topic, [odata`PartitionKey eq ${topic}`, ...clauses].join(' and '));
  }

  /** One page of every hook (active or disabled) of a topic: one query of its partition. */
  async page(topic: string, top: number, continuation?: string): Promise<{ hooks: StoredHook[]; continuation?: string }> {
    const filter = odata`PartitionKey eq ${topic}`;
    const pages = this.table.listEntities<Entity>({ queryOptions: { filter } }).byPage({ maxPageSize: top, ...(continuation ? { continuationToken: continuation } : {}) });
    for await (const page of pages) {
      const hooks = page.map((entity) => this.toStored(topic, entity.rowKey ?? '', entity));
      return page.continuationToken ? { hooks, continuation: page.continuationToken } : { hooks };
    }
    return { hooks: [] };
  }

  /** How many active hooks a topic has (reads keys and status only). */
  async countActive(topic: string): Promise<number> {
    const filter = odata`PartitionKey eq ${topic} and status eq 'active'`;
    let count = 0;
    for await (const _ of this.table.listEntities({ queryOptions: { filter, select: ['RowKey'] } })) count++;
    return count;
  }
}
