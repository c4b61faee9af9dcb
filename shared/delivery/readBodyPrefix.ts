/** A response body as undici hands it: an async iterable of chunks that can be destroyed. */
interface BodyStream extends AsyncIterable<Uint8Array> {
  destroy(error?: Error): unknown;
}

/**
 * Reads a response body to its end while it stays within `maxBytes`, keeping only its first
 * `prefixBytes`; past `maxBytes` (or when reading fails, e.g. the time budget aborts it) it stops,
 * destroys the body (and so the connection) and answers what it kept. Never throws.
 */
export async function readBodyPrefix(body: BodyStream, prefixBytes: number, maxBytes: number): Promise<Buffer> {
  const kept: Buffer[] = [];
  let keptBytes = 0;
  let size = 0;
  try {
    for await (const chunk of body) {
      if (keptBytes < prefixBytes) {
        const part = Buffer.from(chunk).subarray(0, prefixBytes - keptBytes);
        kept.push(part);
        keptBytes += part.byteLength;
      }
      size += chunk.byteLength;
      if (size > maxBytes) {
        body.destroy();
        break;
      }
    }
  } catch {
    // The status line already decided the outcome; a body cut short keeps what arrived.
    body.destroy();
  }
  return Buffer.concat(kept, keptBytes);
}
