/** A response body as undici hands it: an async iterable of chunks that can be destroyed. */
interface BodyStream extends AsyncIterable<Uint8Array> {
  destroy(error?: Error): unknown;
}

/**
 * Reads a response body whole while it stays within `maxBytes`; past that, stops reading, destroys
 * the body (and so the connection) and answers undefined, so a hostile server cannot make the app
 * buffer without bound.
 */
export async function readBoundedBody(body: BodyStream, maxBytes: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      body.destroy();
      return undefined;
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks, size);
}
