import type { TableClient } from '@azure/data-tables';
import { IdempotencyStore } from './IdempotencyStore';

/**
 * Which webhook-action jobs a workflow action subscribed, by the headers Logic Apps sends: one row
 * per (id, operation name, job) in the idempotency table, PartitionKey = SHA-256 of (kind, id,
 * operation), RowKey = job id. The id is the client tracking id or the run id: a subscribe is
 * recorded under each it sent (one row when they are equal, as they are by default). Inside a loop
 * every iteration shares the same partitions.
 */
export class SubscriberIndex {
  constructor(private readonly table: TableClient) {}

  private static partitionOf(kind: string, id: string, operationName: string): string {
    return IdempotencyStore.keyOf(`subscriber:${kind}`, `${id}\n${operationName}`);
  }

  /** Records the job under each of `ids` (blank and repeated ones skipped) with the operation name. */
  async add(kind: string, ids: readonly (string | undefined)[], operationName: string, jobId: string): Promise<void> {
    const distinct = [...new Set(ids.filter((id): id is string => Boolean(id)))];
    const createdAt = new Date().toISOString();
    await Promise.all(
      distinct.map((id) =>
        this.table.upsertEntity({ partitionKey: SubscriberIndex.partitionOf(kind, id, operationName), rowKey: jobId, createdAt }, 'Replace'),
      ),
    );
  }

  /** The jobs subscribed under this id and operation name (one partition; a loop's iterations share it). */
  async find(kind: string, id: string, operationName: string): Promise<string[]> {
    const partitionKey = SubscriberIndex.partitionOf(kind, id, operationName);
    const ids: string[] = [];
    const filter = `PartitionKey eq '${partitionKey}'`;
    for await (const entity of this.table.listEntities({ queryOptions: { filter, select: ['RowKey'] } })) {
      if (entity.rowKey) ids.push(entity.rowKey);
    }
    return ids;
  }
}
