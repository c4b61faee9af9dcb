import { randomUUID } from 'node:crypto';
import { Agent, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { RpcInvocationResponse, RpcTypedData } from './coreTypes';
import type { InvocationInput } from './invokeFunction';

/**
 * The connections to the worker's proxy, kept alive and reused as the host's forwarder does (one
 * SocketsHttpHandler for every invocation: azure-functions-host, DefaultHttpProxyService). An idle
 * connection is closed after 2 s, before the worker's server would close it (Node's default
 * keepAliveTimeout, 5 s), so a request never goes out on a connection the worker is closing: a
 * streamed body could not be sent again.
 */
const WORKER_CONNECTIONS = new Agent({ keepAlive: true, timeout: 2000 });

/** Hop-by-hop headers the host does not forward to the worker's proxy. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'host', 'upgrade', 'proxy-connection']);

function joinValues(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(', ') : (value ?? '');
}

/**
 * The invocation request of an HTTP trigger when the app streams HTTP: no body over RPC, the
 * headers and route params in the trigger metadata (the library reads them there), and the
 * invocation id that pairs it with the proxied request.
 */
export function toStreamInvocation(req: IncomingMessage, triggerName: string, params: Record<string, string>): InvocationInput {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name] = joinValues(value);
  const query: Record<string, string> = {};
  for (const key of new Set(url.searchParams.keys())) query[key] = url.searchParams.getAll(key).join(',');
  const triggerMetadata: Record<string, RpcTypedData> = { Headers: { json: JSON.stringify(headers) }, Query: { json: JSON.stringify(query) } };
  for (const [name, value] of Object.entries(params)) triggerMetadata[name] = { string: value };
  return {
    inputData: [{ name: triggerName, data: { http: { method: req.method ?? 'GET', url: url.toString(), headers, query, params } } }],
    triggerMetadata,
  };
}

/**
 * Serves one HTTP invocation the way the host does when the worker announced an `HttpUri`
 * capability (HTTP streams): the request, body and all, is forwarded as a stream to the worker's
 * proxy with `x-ms-invocation-id` and `x-forwarded-host`/`-proto`, the invocation goes over RPC
 * without the body, and the proxy's response is streamed back to the caller.
 * NOTE: "Stream HTTP requests and responses in Node.js Azure Functions" (enableHttpStream); the
 * worker side is @azure/functions' httpProxy (waitForProxyRequest, sendProxyResponse).
 */
export async function serveThroughProxy(
  req: IncomingMessage,
  res: ServerResponse,
  httpUri: string,
  invoke: (invocationId: string) => Promise<RpcInvocationResponse>,
): Promise<void> {
  const invocationId = randomUUID();
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
  const proxied = httpRequest(new URL(req.url ?? '/', httpUri), {
    method: req.method ?? 'GET',
    // `keep-alive` also asks the worker not to close before the caller has the answer of a handler that did not read the body.
    agent: WORKER_CONNECTIONS,
    headers: { ...headers, connection: 'keep-alive', 'x-ms-invocation-id': invocationId, 'x-forwarded-host': req.headers.host ?? 'localhost', 'x-forwarded-proto': 'http' },
  });
  const answered = new Promise<IncomingMessage>((resolve, reject) => {
    proxied.once('response', resolve);
    proxied.on('error', reject); // kept: a late error (the worker closed the connection) must not go unhandled
  });
  answered.catch(() => undefined); // awaited below; a failed invocation destroys the request first
  req.pipe(proxied);
  try {
    await invoke(invocationId);
  } catch (error) {
    req.unpipe(proxied);
    proxied.destroy();
    throw error;
  }
  const response = await answered;
  res.writeHead(response.statusCode ?? 500, response.headers);
  response.pipe(res);
  await new Promise<void>((done) => res.once('close', done));
}
