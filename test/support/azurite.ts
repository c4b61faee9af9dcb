import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { once } from 'node:events';
import { join } from 'node:path';

/** A running in-memory Azurite with its three services on free loopback ports. */
export interface Azurite {
  readonly connectionString: string;
  readonly blobPort: number;
  readonly queuePort: number;
  readonly tablePort: number;
  /** The Azurite process (its CPU time and memory can be read from /proc). */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

const ACCOUNT = 'devstoreaccount1';
// NOTE: the well-known Azurite development key, public by design (learn.microsoft.com/azure/storage/common/storage-use-azurite).
const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** A free TCP port on loopback, chosen by the OS. */
export async function getFreePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  server.close();
  await once(server, 'close');
  return port;
}

/** The connection string for an Azurite listening on these ports. */
export function toAzuriteConnectionString(blobPort: number, queuePort: number, tablePort: number): string {
  return (
    `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${KEY};` +
    `BlobEndpoint=http://127.0.0.1:${blobPort}/${ACCOUNT};` +
    `QueueEndpoint=http://127.0.0.1:${queuePort}/${ACCOUNT};` +
    `TableEndpoint=http://127.0.0.1:${tablePort}/${ACCOUNT};`
  );
}

async function waitForPort(port: number, child: ChildProcess, deadline: number): Promise<void> {
  const { connect } = await import('node:net');
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Azurite exited with code ${child.exitCode} before listening`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => { socket.destroy(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Azurite did not listen on port ${port} within the time allowed`);
}

/**
 * Starts Azurite from the `azurite` npm package, in memory (or on disk in `options.location`), on
 * free loopback ports (or the ports given), with the flags the project's README documents.
 */
export async function startAzurite(ports?: { blob?: number; queue?: number; table?: number }, options: AzuriteOptions = {}): Promise<Azurite> {
  // Free ports are picked, released, then bound by Azurite: another process may take one in
  // between (tests run two files at a time). Then Azurite exits, and fresh ports are tried.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startAzuriteOn(ports, options);
    } catch (error) {
      if (ports || attempt >= 3) throw error;
    }
  }
}

/** How Azurite keeps its data: in memory (default), or on disk in `location`, so a restart finds it. */
export interface AzuriteOptions {
  readonly location?: string;
}

async function startAzuriteOn(ports: { blob?: number; queue?: number; table?: number } | undefined, options: AzuriteOptions): Promise<Azurite> {
  const blobPort = ports?.blob ?? (await getFreePort());
  const queuePort = ports?.queue ?? (await getFreePort());
  const tablePort = ports?.table ?? (await getFreePort());
  const bin = join(require.resolve('azurite/package.json'), '..', 'dist', 'src', 'azurite.js');
  const child = spawn(
    process.execPath,
    [
      bin,
      ...(options.location ? ['--location', options.location] : ['--inMemoryPersistence']), '--skipApiVersionCheck', '--disableTelemetry', '--loose', '--silent',
      '--blobHost', '127.0.0.1', '--blobPort', String(blobPort),
      '--queueHost', '127.0.0.1', '--queuePort', String(queuePort),
      '--tableHost', '127.0.0.1', '--tablePort', String(tablePort),
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const deadline = Date.now() + 30_000;
  try {
    for (const port of [blobPort, queuePort, tablePort]) await waitForPort(port, child, deadline);
  } catch (error) {
    child.kill();
    throw error;
  }
  return {
    connectionString: toAzuriteConnectionString(blobPort, queuePort, tablePort),
    blobPort,
    queuePort,
    tablePort,
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
