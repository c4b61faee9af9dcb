import { createServer, request as httpRequest, type Server } from 'node:http';
import { once } from 'node:events';
import { toAzuriteConnectionString, type Azurite } from './azurite';

/** One storage call seen on the wire: service, method and path (no query). */
export interface StorageCall {
  readonly service: 'blob' | 'queue' | 'table';
  readonly method: string;
  readonly path: string;
}

/** Proxies in front of Azurite's three services that record every storage call the app makes. */
export interface StorageCallCounter {
  readonly connectionString: string;
  readonly calls: StorageCall[];
  reset(): void;
  stop(): Promise<void>;
}

async function proxy(service: StorageCall['service'], target: number, calls: StorageCall[]): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    calls.push({ service, method: req.method ?? '', path: (req.url ?? '').split('?')[0] ?? '' });
    const upstream = httpRequest(
      { host: '127.0.0.1', port: target, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : 0 };
}

/** Starts the three counting proxies in front of an Azurite. */
export async function startStorageCallCounter(azurite: Azurite): Promise<StorageCallCounter> {
  const calls: StorageCall[] = [];
  const blob = await proxy('blob', azurite.blobPort, calls);
  const queue = await proxy('queue', azurite.queuePort, calls);
  const table = await proxy('table', azurite.tablePort, calls);
  return {
    connectionString: toAzuriteConnectionString(blob.port, queue.port, table.port),
    calls,
    reset() {
      calls.length = 0;
    },
    async stop() {
      await Promise.all(
        [blob, queue, table].map(({ server }) => {
          server.closeAllConnections();
          return new Promise((resolve) => server.close(resolve));
        }),
      );
    },
  };
}
