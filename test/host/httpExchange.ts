import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RpcHttpCookie, RpcInvocationResponse, RpcTypedData } from './coreTypes';

/** The raw request body; bodies of 120 MB and more are fine (held in memory, as the host does). */
export async function readRequestBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function joinValues(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(', ') : (value ?? '');
}

/**
 * The HTTP trigger's RPC data, as the host sends it to the worker: method, absolute URL,
 * headers, query (repeated keys joined with `,`), route params and the raw body bytes.
 */
export function toRpcHttpRequest(req: IncomingMessage, body: Buffer, params: Record<string, string>): RpcTypedData {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name] = joinValues(value);
  const query: Record<string, string> = {};
  for (const key of new Set(url.searchParams.keys())) query[key] = url.searchParams.getAll(key).join(',');
  return {
    http: {
      method: req.method ?? 'GET',
      url: url.toString(),
      headers,
      query,
      params,
      ...(body.length > 0 ? { body: { bytes: body } } : {}),
    },
  };
}

function toSetCookie(cookie: RpcHttpCookie): string {
  const parts = [`${cookie.name ?? ''}=${cookie.value ?? ''}`];
  if (cookie.domain?.value) parts.push(`Domain=${cookie.domain.value}`);
  if (cookie.path?.value) parts.push(`Path=${cookie.path.value}`);
  const seconds = cookie.expires?.value?.seconds;
  if (typeof seconds === 'number') parts.push(`Expires=${new Date(seconds * 1000).toUTCString()}`);
  if (cookie.secure?.value) parts.push('Secure');
  if (cookie.httpOnly?.value) parts.push('HttpOnly');
  const sameSite = { lax: 'Lax', strict: 'Strict', explicitNone: 'None', none: undefined }[cookie.sameSite ?? 'none'];
  if (sameSite) parts.push(`SameSite=${sameSite}`);
  if (typeof cookie.maxAge?.value === 'number') parts.push(`Max-Age=${cookie.maxAge.value}`);
  return parts.join('; ');
}

function toBodyBuffer(data: RpcTypedData | null | undefined): Buffer {
  if (!data) return Buffer.alloc(0);
  if (data.bytes) return Buffer.from(data.bytes.buffer, data.bytes.byteOffset, data.bytes.byteLength);
  if (typeof data.string === 'string') return Buffer.from(data.string);
  if (typeof data.json === 'string') return Buffer.from(data.json);
  return Buffer.alloc(0);
}

/**
 * Writes the invocation's HTTP output. NOTE: a handler that returns nothing gets 204 here; the
 * host's exact answer for an unset `$return` binding is not documented.
 */
export function writeRpcHttpResponse(res: ServerResponse, response: RpcInvocationResponse): void {
  const http = response.returnValue?.http;
  if (!http) {
    res.writeHead(204).end();
    return;
  }
  const status = Number(http.statusCode ?? '200') || 200;
  for (const [name, value] of Object.entries(http.headers ?? {})) res.setHeader(name, value);
  const cookies = (http.cookies ?? []).map(toSetCookie);
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  const body = status === 204 || status === 304 ? Buffer.alloc(0) : toBodyBuffer(http.body);
  if (status !== 204 && status !== 304) res.setHeader('content-length', body.length);
  res.writeHead(status);
  res.end(body);
}
