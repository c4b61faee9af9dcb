import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import { toAzuriteConnectionString, type Azurite } from './azurite';

export type StorageService = 'blob' | 'queue' | 'table';

/** One storage call as it crossed the proxy: the request, its status and, when asked for, its answer's body. */
export interface StorageExchange {
  readonly service: StorageService;
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  readonly status: number;
  readonly body?: Buffer;
}

/** Proxies in front of Azurite's three services, through which an app (or a host) talks to storage. */
export interface StorageProxy {
  readonly connectionString: string;
  stop(): Promise<void>;
}

/**
 * Starts a proxy per service, reporting every exchange to `onExchange` once answered. Bodies are
 * buffered only for the calls `captureBody` names (the rest stream through untouched). `delayMs`
 * holds every request that long before forwarding it (an Azure-like round trip).
 */
export async function startStorageProxy(
  azurite: Azurite,
  onExchange: (exchange: StorageExchange) => void,
  captureBody: (service: StorageService, method: string, url: string) => boolean = () => false,
  options: { readonly delayMs?: number } = {},
): Promise<StorageProxy> {
  const delayMs = options.delayMs ?? 0;
  const proxy = async (service: StorageService, target: number): Promise<{ server: Server; port: number }> => {
    const server = createServer((req, res) => {
      if (delayMs > 0) {
        // Held before it is forwarded: every call takes at least delayMs more, as a remote service's round trip would.
        req.pause();
        setTimeout(() => forward(req, res), delayMs);
      } else forward(req, res);
    });
    const forward = (req: IncomingMessage, res: ServerResponse): void => {
      const method = req.method ?? '';
      const url = req.url ?? '';
      const upstream = httpRequest({ host: '127.0.0.1', port: target, method, path: url, headers: req.headers }, (answer) => {
        const status = answer.statusCode ?? 502;
        res.writeHead(status, answer.headers);
        if (!captureBody(service, method, url)) {
          onExchange({ service, method, url, status });
          answer.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const body = Buffer.concat(chunks);
          onExchange({ service, method, url, status, body });
          res.end(body);
        });
      });
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    };
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    return { server, port: typeof address === 'object' && address ? address.port : 0 };
  };
  const servers = [await proxy('blob', azurite.blobPort), await proxy('queue', azurite.queuePort), await proxy('table', azurite.tablePort)];
  const [blob, queue, table] = servers.map((s) => s.port) as [number, number, number];
  return {
    connectionString: toAzuriteConnectionString(blob, queue, table),
    async stop() {
      await Promise.all(
        servers.map(({ server }) => {
          server.closeAllConnections();
          return new Promise((resolve) => server.close(resolve));
        }),
      );
    },
  };
}
