import { createServer, type Server } from 'node:http';
import { once } from 'node:events';

/** An OTLP attribute value as OTLP/JSON encodes it. */
interface AnyValue {
  stringValue?: string;
  intValue?: number | string;
  doubleValue?: number;
  boolValue?: boolean;
}
interface KeyValue {
  key: string;
  value?: AnyValue;
}

/** One span as received, its attributes flattened. */
export interface ReceivedSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  readonly kind: number;
  readonly attributes: Readonly<Record<string, string | number | boolean>>;
  readonly links: readonly { traceId: string; spanId: string }[];
}

/** One log record as received. */
export interface ReceivedLog {
  readonly severityNumber: number;
  readonly severityText?: string;
  readonly body?: string;
  readonly traceId?: string;
  readonly attributes: Readonly<Record<string, string | number | boolean>>;
}

/** One metric data point as received (sums and histograms). */
export interface ReceivedPoint {
  readonly metric: string;
  readonly attributes: Readonly<Record<string, string | number | boolean>>;
  /** A sum's value, or a histogram's count. */
  readonly value: number;
}

function toValue(value: AnyValue | undefined): string | number | boolean {
  if (!value) return '';
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  return value.boolValue ?? '';
}

function toAttributes(list: KeyValue[] | undefined): Record<string, string | number | boolean> {
  return Object.fromEntries((list ?? []).map((kv) => [kv.key, toValue(kv.value)]));
}

/**
 * A collector stand-in for the tests: a node:http server accepting OTLP/HTTP JSON on /v1/traces,
 * /v1/metrics and /v1/logs (what OTEL_EXPORTER_OTLP_ENDPOINT with OTEL_EXPORTER_OTLP_PROTOCOL=http/json
 * sends), keeping what arrives; anything else answers 404, a body that is not JSON 400.
 */
export class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  readonly logs: ReceivedLog[] = [];
  readonly points: ReceivedPoint[] = [];
  /** Every request's path and content type, in order. */
  readonly requests: { path: string; contentType: string }[] = [];

  private constructor(private readonly server: Server, readonly endpoint: string) {}

  static async start(): Promise<OtlpReceiver> {
    const holder: { receiver?: OtlpReceiver } = {};
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '';
        holder.receiver?.requests.push({ path, contentType: req.headers['content-type'] ?? '' });
        let body: any;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          res.writeHead(400).end();
          return;
        }
        const accepted = holder.receiver?.accept(path, body) ?? false;
        res.writeHead(accepted ? 200 : 404, { 'content-type': 'application/json' }).end(accepted ? '{}' : '');
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    holder.receiver = new OtlpReceiver(server, `http://127.0.0.1:${port}`);
    return holder.receiver;
  }

  private accept(path: string, body: any): boolean {
    if (path === '/v1/traces') {
      for (const rs of body.resourceSpans ?? []) for (const ss of rs.scopeSpans ?? []) for (const s of ss.spans ?? []) {
        this.spans.push({
          traceId: s.traceId, spanId: s.spanId, ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}), name: s.name, kind: s.kind,
          attributes: toAttributes(s.attributes), links: (s.links ?? []).map((l: any) => ({ traceId: l.traceId, spanId: l.spanId })),
        });
      }
      return true;
    }
    if (path === '/v1/logs') {
      for (const rl of body.resourceLogs ?? []) for (const sl of rl.scopeLogs ?? []) for (const r of sl.logRecords ?? []) {
        this.logs.push({ severityNumber: r.severityNumber, severityText: r.severityText, body: r.body?.stringValue, traceId: r.traceId, attributes: toAttributes(r.attributes) });
      }
      return true;
    }
    if (path === '/v1/metrics') {
      for (const rm of body.resourceMetrics ?? []) for (const sm of rm.scopeMetrics ?? []) for (const m of sm.metrics ?? []) {
        for (const p of m.sum?.dataPoints ?? []) this.points.push({ metric: m.name, attributes: toAttributes(p.attributes), value: Number(p.asInt ?? p.asDouble ?? 0) });
        for (const p of m.histogram?.dataPoints ?? []) this.points.push({ metric: m.name, attributes: toAttributes(p.attributes), value: Number(p.count ?? 0) });
      }
      return true;
    }
    return false;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }
}
