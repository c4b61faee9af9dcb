import { TableClient } from '@azure/data-tables';
import { ContainerClient } from '@azure/storage-blob';
import { CONTAINERS, TABLES } from '../../shared/storage/names';

/** A `jobs` row as stored (the columns the tests look at, and the rest). */
export interface JobRow {
  readonly partitionKey: string;
  readonly rowKey: string;
  readonly status: string;
  readonly step: number;
  readonly progress?: number;
  readonly completedAt?: string;
  readonly [column: string]: unknown;
}

const ROW_KEY = 'job';

/**
 * Direct access to what the app stored for a job, bypassing its code: the `jobs` table row
 * (PartitionKey = job id, RowKey `job`) and the job's blobs (`payloads/jobs/<id>/`). Tests read
 * it to check what the API cannot show, and write it to stage conditions (an old completedAt).
 */
export class JobTable {
  private readonly table: TableClient;
  private readonly payloads: ContainerClient;

  constructor(connectionString: string) {
    this.table = TableClient.fromConnectionString(connectionString, TABLES.jobs, { allowInsecureConnection: true });
    this.payloads = new ContainerClient(connectionString, CONTAINERS.payloads);
  }

  /** The row of job `id`, or undefined when there is none (or no table yet). */
  async get(id: string): Promise<JobRow | undefined> {
    try {
      return await this.table.getEntity<JobRow>(id, ROW_KEY);
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return undefined;
      throw error;
    }
  }

  /** Every row of the table (there are few in a test). */
  async list(): Promise<JobRow[]> {
    const rows: JobRow[] = [];
    try {
      for await (const row of this.table.listEntities<JobRow>()) rows.push(row);
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode !== 404) throw error;
    }
    return rows;
  }

  /** Merges `columns` into the row of job `id` (unconditionally). */
  async merge(id: string, columns: Record<string, string | number | boolean>): Promise<void> {
    await this.table.updateEntity({ partitionKey: id, rowKey: ROW_KEY, ...columns }, 'Merge');
  }

  /** Names of the blobs under `jobs/<id>/` in the payloads container ([] when there is no container). */
  async blobNames(id?: string): Promise<string[]> {
    const names: string[] = [];
    if (!(await this.payloads.exists())) return names;
    for await (const blob of this.payloads.listBlobsFlat({ prefix: id === undefined ? 'jobs/' : `jobs/${id}/` })) names.push(blob.name);
    return names.sort();
  }
}
