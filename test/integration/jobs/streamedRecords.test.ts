import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { getLongrun } from '../../../shared/app/getLongrun';
import { readJobInput } from '../../../shared/jobs/input/readJobInput';
import type { StreamedRecords } from '../../../shared/jobs/input/StreamedRecords';
import { createReconcile, reconcile } from '../../../shared/jobs/kinds/reconcile';
import type { ReconcileState } from '../../../shared/jobs/kinds/reconcile/ReconcileState';
import type { JobContext } from '../../../shared/jobs/defineJob';
import { buildReconcileDataset } from '../../support/reconcileDataset';
import { naiveReconcile } from '../../support/naiveReconcile';
import { useCountedStorage } from '../../support/useCountedStorage';
import { collectOutput } from '../../support/collectOutput';
import { memoryScratch } from '../../support/memoryScratch';

/** Blob reads the counter saw since its last reset. */
const blobReads = (storage: ReturnType<typeof useCountedStorage>) => storage.counter.calls.filter((c) => c.service === 'blob' && c.method === 'GET').length;

describe('streamed job inputs in the worker (Azurite): the records are read in passes over the stored blob, never held', () => {
  const storage = useCountedStorage();
  const dataset = buildReconcileDataset({ seed: 42, keys: 3_000, withDates: true });
  const text = JSON.stringify(dataset);

  const stored = async () => {
    const { payloads } = (await getLongrun()).jobStores;
    const payload = await payloads.put(`jobs/streamed-${randomBytes(4).toString('hex')}/input.json`, text);
    assert.ok('blob' in payload, 'the input is large enough to be a blob');
    storage.counter.reset();
    return { payloads, payload };
  };

  test('the input is checked in one read of the blob and given without its arrays; each forEach is one more read, in document order', async () => {
    const { payloads, payload } = await stored();
    const { input, records } = await readJobInput(payloads, reconcile, payload);
    assert.deepEqual(input, { tolerance: dataset.tolerance });
    assert.equal(records.bytes, Buffer.byteLength(text));
    assert.equal(blobReads(storage), 1);

    for (let pass = 1; pass <= 2; pass++) {
      const seen: Record<string, unknown[]> = { transactions: [], ledger: [] };
      await records.forEach((array, record, index) => {
        assert.equal(index, seen[array]?.length, 'indices count each array from 0');
        seen[array]?.push(record);
      });
      assert.deepEqual(seen, { transactions: dataset.transactions, ledger: dataset.ledger });
      assert.equal(blobReads(storage), 1 + pass);
    }
  });

  test('reconcile over 5 key buckets reads the blob once a bucket and gives the naive result', async () => {
    const { payloads, payload } = await stored();
    const { input, records } = await readJobInput(payloads, reconcile, payload);
    const kind = createReconcile({ bucketBytes: Math.ceil(records.bytes / 5) });
    const checkpoints: number[] = [];
    const ctx: JobContext<ReconcileState> = {
      jobId: 'streamed',
      state: undefined,
      signal: new AbortController().signal,
      records: records satisfies StreamedRecords,
      // The runs in memory: the reads counted here are the input's.
      scratch: memoryScratch(),
      checkpoint: (state) => (checkpoints.push(state.next), Promise.resolve()),
    };
    const output = await collectOutput(await kind.run(input as Parameters<typeof kind.run>[0], ctx));
    assert.deepEqual(output, naiveReconcile(dataset));
    assert.deepEqual(checkpoints, [1, 2, 3, 4]);
    assert.equal(blobReads(storage), 1 + 5);
  });
});
