// `node dist/test/support/measureReconcileMemory.js [recordsPerSide...]`: for each size, a fresh
// Azurite and host of its own, one reconcile start (short keys, as the bench's reconcile1M) run
// to its end, and the host's peak RSS (VmHWM) at the 202 and overall. Prints one JSON line a size.
import { startAzurite } from './azurite';
import { spawnLongrunHost } from './longrunHost';
import { measureReconcile1M } from '../bench/measureReconcile1M';

const MAX_BODY_BYTES = 104_857_600;

async function measure(perSide: number): Promise<unknown> {
  const azurite = await startAzurite();
  try {
    const host = await spawnLongrunHost({ connectionString: azurite.connectionString, env: { LONGRUN_MAX_BODY_BYTES: String(MAX_BODY_BYTES) } });
    try {
      return await measureReconcile1M(host, azurite.connectionString, perSide, MAX_BODY_BYTES);
    } finally {
      await host.stop();
    }
  } finally {
    await azurite.stop();
  }
}

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number);
  for (const perSide of sizes.length > 0 ? sizes : [250_000, 1_000_000]) console.log(JSON.stringify(await measure(perSide)));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
