import type { StreamedRecords } from '../../shared/jobs/input/StreamedRecords';

/** Streamed records held in memory, by array name: a kind's `ctx.records` in a unit test. */
export function streamedRecordsOf(arrays: Readonly<Record<string, readonly unknown[]>>): StreamedRecords {
  return {
    bytes: Buffer.byteLength(JSON.stringify(arrays)),
    forEach(visit) {
      for (const [name, records] of Object.entries(arrays)) records.forEach((record, index) => visit(name, record, index));
      return Promise.resolve();
    },
  };
}
