import { StringDecoder } from 'node:string_decoder';

/** The lines of a UTF-8 byte stream, without their `\n`, decoded across chunk boundaries; an empty stream has none. */
export async function* readLines(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  for await (const chunk of bytes) {
    pending += decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    let end = pending.indexOf('\n');
    let start = 0;
    while (end >= 0) {
      yield pending.slice(start, end);
      start = end + 1;
      end = pending.indexOf('\n', start);
    }
    pending = pending.slice(start);
  }
  pending += decoder.end();
  if (pending.length > 0) yield pending;
}
