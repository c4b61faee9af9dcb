import { createServer, type Server, type Socket } from 'node:net';
import { once } from 'node:events';

/** How a hostile receiver treats a request: never answers, or answers a byte at a time. */
export type Hostility = 'silent' | 'trickleStatusLine' | 'trickleBody';

/**
 * A receiver at the TCP level that reads each request and then stalls: `silent` sends nothing,
 * `trickleStatusLine` sends its status line a byte per second, `trickleBody` sends a 200 head and
 * then a byte of body per second. It counts the POSTs it got per path (no second POST may come).
 */
export class HostileReceiver {
  readonly posts = new Map<string, number>();
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(
    private readonly server: Server,
    readonly origin: string,
  ) {}

  static async start(hostility: Hostility): Promise<HostileReceiver> {
    const holder: { receiver?: HostileReceiver } = {};
    const server = createServer((socket) => {
      const r = holder.receiver;
      if (!r) return socket.destroy();
      r.sockets.add(socket);
      socket.on('close', () => r.sockets.delete(socket));
      socket.on('error', () => undefined);
      let head = '';
      socket.on('data', (chunk: Buffer) => {
        if (head.includes('\r\n\r\n')) return;
        head += chunk.toString('latin1');
        if (!head.includes('\r\n\r\n')) return;
        const path = /^POST (\S+)/.exec(head)?.[1];
        if (path) r.posts.set(path, (r.posts.get(path) ?? 0) + 1);
        if (hostility === 'silent') return;
        const bytes = hostility === 'trickleStatusLine' ? 'HTTP/1.1 200 OK\r\n' : 'HTTP/1.1 200 OK\r\ncontent-length: 1000\r\n\r\n' + 'x'.repeat(1000);
        let sent = hostility === 'trickleBody' ? bytes.indexOf('\r\n\r\n') + 4 : 0;
        if (sent > 0) socket.write(bytes.slice(0, sent));
        const timer = setInterval(() => {
          if (sent >= bytes.length || socket.destroyed) return clearInterval(timer);
          socket.write(bytes[sent++] ?? '');
        }, 1000);
        r.timers.add(timer);
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    holder.receiver = new HostileReceiver(server, `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
    return holder.receiver;
  }

  /** A callback URL on this receiver, unique per call, shaped like listCallbackUrl()'s. */
  newCallbackUrl(name: string): string {
    return `${this.origin}/workflows/w/runs/${name}/run?api-version=2016-10-01&sig=${name}`;
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    for (const socket of this.sockets) socket.destroy();
    this.server.close();
    await once(this.server, 'close');
  }
}

/** The p-th percentile (0..100) of values, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}
