import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DeliveryLog } from '../../../shared/storage/DeliveryLog';

/** A table that records the filter of each query and answers no rows. */
function recordingTable(): { filters: string[]; table: never } {
  const filters: string[] = [];
  const table = {
    listEntities(options: { queryOptions: { filter: string } }) {
      filters.push(options.queryOptions.filter);
      const empty = (async function* () {})();
      return Object.assign(empty, { byPage: () => (async function* () {})() });
    },
  };
  return { filters, table: table as never };
}

describe('DeliveryLog keys', () => {
  test("a time range is a PartitionKey range over its state's hours, newest first (reversed time), bounded exactly on the RowKey", async () => {
    const { filters, table } = recordingTable();
    const from = Date.parse('2026-03-10T10:15:00Z');
    const to = Date.parse('2026-03-10T12:30:00Z');
    await new DeliveryLog(table).page({ state: 'dead', from, to }, 10);
    const reversed = (ms: number) => String(9_999_999_999_999 - ms).padStart(13, '0');
    const hour = (ms: number) => Math.floor(ms / 3_600_000) * 3_600_000;
    assert.equal(
      filters[0],
      `PartitionKey ge 'dead-${reversed(hour(to - 1))}' and PartitionKey le 'dead-${reversed(hour(from))}' and RowKey ge '${reversed(to - 1)}' and RowKey lt '${reversed(from)}.'`,
    );
  });

  test('filters by target are escaped values of fixed columns', async () => {
    const { filters, table } = recordingTable();
    await new DeliveryLog(table).page({ state: 'pending', from: 0, to: 1000, topic: "o'r", jobId: 'j' }, 10);
    assert.match(filters[0] ?? '', / and topic eq 'o''r' and jobId eq 'j'$/);
  });

  test('retention deletes partitions older than the cutoff hour of every state, by range', async () => {
    const { filters, table } = recordingTable();
    await new DeliveryLog(table).purgeBefore(Date.parse('2026-03-10T10:15:00Z'));
    assert.equal(filters.length, 5);
    assert.match(filters[0] ?? '', /^PartitionKey gt 'pending-\d{13}' and PartitionKey lt 'pending\.'$/);
  });
});
