import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';

/** A request the receiver got. */
export interface ReceivedCall {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly at: number;
  /** The status the receiver answered. */
  status?: number;
}

/** How the receiver answers its n-th request (0-based): a status, headers, an optional body and delay. */
export type Answer = { status: number; headers?: Record<string, string>; body?: string; delayMs?: number };

/**
 * A local HTTP endpoint that plays the Logic Apps callback URL (`…/runs/…/actions/…/run?…&sig=…`)
 * or a webhook trigger's URL (and, in the simulator's own tests, the API the engine calls): it
 * records every request and answers as the test scripts it.
 */
export class CallbackReceiver {
  readonly calls: ReceivedCall[] = [];
  private waiters: { count: number; resolve: () => void }[] = [];
  private constructor(
    private readonly server: Server,
    readonly origin: string,
    private readonly answer: (n: number, call: ReceivedCall) => Answer,
  ) {}

  static async start(answer: (n: number, call: ReceivedCall) => Answer = () => ({ status: 200 })): Promise<CallbackReceiver> {
    const holder: { receiver?: CallbackReceiver } = {};
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const call: ReceivedCall = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
        const r = holder.receiver;
        if (!r) return res.end();
        const reply = r.answer(r.calls.length, call);
        call.status = reply.status;
        r.calls.push(call);
        setTimeout(() => {
          res.writeHead(reply.status, reply.headers);
          res.end(reply.body);
          r.notify();
        }, reply.delayMs ?? 0);
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    holder.receiver = new CallbackReceiver(server, `http://127.0.0.1:${port}`, answer);
    return holder.receiver;
  }

  /** A fresh URL shaped like listCallbackUrl()'s, with a secret `sig`. */
  newCallbackUrl(): string {
    const run = randomBytes(8).toString('hex');
    return `${this.origin}/workflows/wf/runs/${run}/actions/Wait/run?api-version=2016-06-01&sp=%2Fruns%2F&sv=1.0&sig=${randomBytes(16).toString('base64url')}`;
  }

  /** Calls received on one URL's path and answered 2xx. */
  acceptedBy(url: string): ReceivedCall[] {
    return this.callsTo(url).filter((c) => (c.status ?? 0) >= 200 && (c.status ?? 0) < 300);
  }

  /** Calls received on one URL's path. */
  callsTo(url: string): ReceivedCall[] {
    const path = new URL(url).pathname;
    return this.calls.filter((c) => c.path.split('?')[0] === path);
  }

  /** Resolves once `count` calls in total were answered, or rejects after `timeoutMs`. */
  waitForCalls(count: number, timeoutMs = 30_000): Promise<void> {
    if (this.calls.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`expected ${count} calls, got ${this.calls.length} in ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  private notify(): void {
    this.waiters = this.waiters.filter((w) => (this.calls.length >= w.count ? (w.resolve(), false) : true));
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
