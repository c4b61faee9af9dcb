import type { TableClient } from '@azure/data-tables';
import { IdempotencyStore } from './IdempotencyStore';

/**
 * Which webhook-action jobs a workflow action subscribed, by the headers Logic Apps sends
 * (run id, operation name): one row per job in the idempotency table, PartitionKey = SHA-256 of
 * (kind, run, operation), RowKey = job id. Inside a loop every iteration shares that key.
 */
export class SubscriberIndex {
  constructor(private readonly table: TableClient) {}

  private static partitionOf(kind: string, workflowRunId: string, operationName: string): string {
    return IdempotencyStore.keyOf(`subscriber:${kind}`, `${workflowRunId}\n${operationName}`);
  }

  async add(kind: string, workflowRunId: string, operationName: string, jobId: string): Promise<void> {
    const partitionKey = SubscriberIndex.partitionOf(kind, workflowRunId, operationName);
    await this.table.upsertEntity({ partitionKey, rowKey: jobId, createdAt: new Date().toISOString() }, 'Replace');
  }

  /** The jobs subscribed under these headers (one partition; a loop's iterations share it). */
  async find(kind: string, workflowRunId: string, operationName: string): Promise<string[]> {
    const partitionKey = SubscriberIndex.partitionOf(kind, workflowRunId, operationName);
    const ids: string[] = [];
    const filter = `PartitionKey eq '${partitionKey}'`;
    for await (const entity of this.table.listEntities({ queryOptions: { filter, select: ['RowKey'] } })) {
      if (entity.rowKey) ids.push(entity.rowKey);
    }
    return ids;
  }
}
