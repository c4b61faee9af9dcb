import http from 'node:http';
import { tryGetProgrammingModel } from './functionsCore';

/** What the worker announced at start, and the servers it opened for it. */
export interface WorkerCapabilities {
  /** The worker's HTTP proxy, when the app enabled HTTP streams (`app.setup({ enableHttpStream: true })`). */
  readonly httpUri?: string;
  /** Closes what the worker opened (its HTTP proxy): a real worker process ends with the host. */
  close(): Promise<void>;
}

/**
 * Asks the programming model for its capabilities, as the worker does after loading the app (the
 * library locks app.setup() then). With HTTP streams the library answers `HttpUri` and listens
 * on it; the servers it creates meanwhile are kept, so a host stopped in-process can close them.
 */
export async function readWorkerCapabilities(): Promise<WorkerCapabilities> {
  const opened: http.Server[] = [];
  const createServer = http.createServer;
  http.createServer = ((...args: Parameters<typeof http.createServer>) => {
    const server = createServer(...args);
    opened.push(server);
    return server;
  }) as typeof http.createServer;
  let capabilities: Record<string, string> | undefined;
  try {
    capabilities = await tryGetProgrammingModel()?.getCapabilities?.({});
  } finally {
    http.createServer = createServer;
  }
  const httpUri = capabilities?.HttpUri;
  return {
    ...(httpUri ? { httpUri } : {}),
    close: () => Promise.all(opened.map((server) => new Promise<void>((done) => {
      server.closeAllConnections();
      server.close(() => done());
    }))).then(() => undefined),
  };
}
