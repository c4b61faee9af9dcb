import type { HttpRequest } from '@azure/functions';
import { Problem } from '../model/errors';

/** True for `application/json` and `application/*+json`, with any parameters. */
export function isJsonContentType(value: string | null): boolean {
  if (!value) return false;
  const type = value.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

/** Reads the body as bytes, refusing more than maxBytes without buffering the excess. */
export async function readBodyBytes(request: HttpRequest, maxBytes: number): Promise<Buffer> {
  const declared = assertDeclaredLength(request, maxBytes);
  if (!request.body) return Buffer.alloc(0);
  // With a declared length the bytes land in one buffer: no second copy of a 100 MB body.
  let buffer = Buffer.allocUnsafe(Number.isFinite(declared) ? declared : 64 * 1024);
  let size = 0;
  for await (const chunk of request.body as AsyncIterable<Uint8Array>) {
    if (size + chunk.byteLength > maxBytes) throw tooLarge(maxBytes);
    if (size + chunk.byteLength > buffer.length) {
      const grown = Buffer.allocUnsafe(Math.min(maxBytes, Math.max(buffer.length * 2, size + chunk.byteLength)));
      buffer.copy(grown, 0, 0, size);
      buffer = grown;
    }
    buffer.set(chunk, size);
    size += chunk.byteLength;
  }
  return buffer.subarray(0, size);
}

/** The declared Content-Length (NaN when none or not a number); 413 when it is over maxBytes. */
export function assertDeclaredLength(request: HttpRequest, maxBytes: number): number {
  const header = Number(request.headers.get('content-length') ?? NaN);
  const declared = Number.isSafeInteger(header) && header >= 0 ? header : NaN;
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  return declared;
}

function tooLarge(maxBytes: number): Problem {
  return new Problem(413, `The request body is larger than the limit of ${maxBytes} bytes.`);
}

/** 415 unless the request says its body is JSON. */
export function assertJsonContentType(request: HttpRequest): void {
  const contentType = request.headers.get('content-type');
  if (!isJsonContentType(contentType)) {
    throw new Problem(415, `Expected Content-Type application/json, got ${contentType ? `"${contentType}"` : 'none'}.`);
  }
}

function parseJson(request: HttpRequest, bytes: Buffer): unknown {
  assertJsonContentType(request);
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : 'it does not parse';
    throw new Problem(400, `The request body is not valid JSON: ${reason}.`);
  }
}

/** A JSON request body: the parsed value (to validate) and the bytes as received (to store). */
export interface JsonDocument {
  readonly value: unknown;
  readonly bytes: Buffer;
}

/**
 * Parses a JSON request body: 415 unless the content type is JSON, 413 over maxBytes,
 * 400 when it is empty or not well-formed JSON. The value is `unknown`: the caller validates with zod.
 */
export async function readJsonDocument(request: HttpRequest, maxBytes: number): Promise<JsonDocument> {
  assertJsonContentType(request);
  const bytes = await readBodyBytes(request, maxBytes);
  if (bytes.length === 0) throw new Problem(400, 'The request body is empty; expected a JSON document.');
  return { value: parseJson(request, bytes), bytes };
}

/** The parsed value of a JSON request body (see readJsonDocument). */
export async function readJsonBody(request: HttpRequest, maxBytes: number): Promise<unknown> {
  return (await readJsonDocument(request, maxBytes)).value;
}

/**
 * The body as JSON when it is JSON-like (any content type, even none), else undefined: for
 * endpoints that must answer 200 whatever arrives (unsubscribe). Never throws for a bad body.
 */
export async function readLenientJsonBody(request: HttpRequest, maxBytes: number): Promise<unknown> {
  try {
    const text = (await readBodyBytes(request, maxBytes)).toString('utf8');
    return text.trim() === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined; // a body that is too large or not JSON names nothing: the headers may still
  }
}
