import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { writeLogLine, toErrorMessage } from './hostLog';
import { readRequestBody, toRpcHttpRequest, writeRpcHttpResponse } from './httpExchange';
import type { InFlightWork } from './inFlightWork';
import { invokeFunction } from './invokeFunction';
import { findHttpRoute, type HttpRoute } from './router';
import { serveThroughProxy, toStreamInvocation } from './httpStreamProxy';

/** What the admin endpoint did with `POST /admin/functions/{name}`. */
export type AdminInvocationResult = 'started' | 'unknown' | 'http';

/** What the HTTP side of the host needs. */
export interface HttpServerOptions {
  readonly routes: readonly HttpRoute[];
  /** When set, `function`/`admin` routes and the admin API require it (`x-functions-key` or `?code=`). */
  readonly functionKey: string | undefined;
  readonly inFlight: InFlightWork;
  /** The worker's HTTP proxy (its `HttpUri` capability) when the app enabled HTTP streams. */
  readonly httpUri?: string;
  /** Starts a non-HTTP function once with the body's `input` (the admin API; fire and forget). */
  invokeOnDemand(functionName: string, input: unknown): AdminInvocationResult;
}

const ADMIN_INVOKE = /^\/admin\/functions\/([^/]+)\/?$/i;

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function carriesKey(req: IncomingMessage, url: URL, key: string): boolean {
  const header = req.headers['x-functions-key'];
  const given = (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('code') ?? '';
  // Constant-time: compare digests of equal length.
  return timingSafeEqual(digest(given), digest(key));
}

function toAdminInput(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && 'input' in parsed ? parsed.input : undefined;
  } catch {
    return undefined;
  }
}

async function serveAdmin(req: IncomingMessage, res: ServerResponse, name: string, options: HttpServerOptions): Promise<void> {
  const body = await readRequestBody(req);
  const result = options.invokeOnDemand(decodeURIComponent(name), toAdminInput(body));
  res.writeHead(result === 'started' ? 202 : result === 'unknown' ? 404 : 400).end();
}

async function serve(req: IncomingMessage, res: ServerResponse, options: HttpServerOptions): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = (req.method ?? 'GET').toUpperCase();
  const admin = ADMIN_INVOKE.exec(url.pathname);
  if (admin?.[1] && method === 'POST') {
    if (options.functionKey && !carriesKey(req, url, options.functionKey)) return void res.writeHead(401).end();
    return serveAdmin(req, res, admin[1], options);
  }
  const match = findHttpRoute(options.routes, method, url.pathname);
  if (!match) return void res.writeHead(404).end();
  const { route, params } = match;
  if (route.authLevel !== 'anonymous' && options.functionKey && !carriesKey(req, url, options.functionKey)) {
    return void res.writeHead(401).end();
  }
  if (options.httpUri) {
    const input = toStreamInvocation(req, route.triggerName, params);
    try {
      await serveThroughProxy(req, res, options.httpUri, (id) => options.inFlight.run(() => invokeFunction(route.registration, input, id)));
    } catch (error) {
      writeLogLine(route.functionName, 'error', `Executed with an error: ${toErrorMessage(error)}`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
    return;
  }
  const body = await readRequestBody(req);
  try {
    const response = await options.inFlight.run(() =>
      invokeFunction(route.registration, { inputData: [{ name: route.triggerName, data: toRpcHttpRequest(req, body, params) }] }),
    );
    writeRpcHttpResponse(res, response);
  } catch (error) {
    writeLogLine(route.functionName, 'error', `Executed with an error: ${toErrorMessage(error)}`);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  }
}

/**
 * How long an idle keep-alive connection stays open: Kestrel's default, which the Functions host
 * serves with. Node's own 5 s raced callers whose pools reuse a connection for up to 4 s (undici,
 * which `fetch` uses): on a loaded machine the server's timer could fire before it read a request
 * already sent, closing the connection under it (EPIPE, "other side closed").
 * NOTE: KestrelServerLimits.KeepAliveTimeout, "Defaults to 130 seconds"
 * (learn.microsoft.com/dotnet/api/microsoft.aspnetcore.server.kestrel.core.kestrelserverlimits.keepalivetimeout).
 */
export const KEEP_ALIVE_TIMEOUT_MS = 130_000;

/** A node:http server that routes like the Functions host (not yet listening). */
export function createHttpServer(options: HttpServerOptions): Server {
  return createServer({ keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS }, (req, res) => {
    serve(req, res, options).catch((error: unknown) => {
      writeLogLine('host', 'error', `Request ${req.method ?? ''} ${(req.url ?? '').split('?')[0] ?? ''} failed: ${toErrorMessage(error)}`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
}
