import { Readable } from 'node:stream';
import type { ContainerClient } from '@azure/storage-blob';
import type { StoredPayload } from '../model/Job';
import { toStorageStatus } from './storageErrors';
import { StagedPayload } from './StagedPayload';

/**
 * NOTE: a table string property holds at most 64 KiB of UTF-16, i.e. 32 K characters, and a queue
 * message 64 KiB: JSON longer than this goes to the payloads container and the row keeps its name.
 */
export const INLINE_LIMIT_CHARS = 30_000;

/** Claim check: JSON payloads kept inline when small, in blob storage when not. */
export class PayloadStore {
  constructor(private readonly container: ContainerClient) {}

  /** Stores JSON (text, or its UTF-8 bytes) under `name` when it is too big to be inline. */
  async put(name: string, json: string | Buffer): Promise<StoredPayload> {
    // NOTE: UTF-8 bytes are at least as many as UTF-16 code units, so a Buffer within the limit is too.
    if (json.length <= INLINE_LIMIT_CHARS) return { inline: json.toString('utf8') };
    const body = typeof json === 'string' ? Buffer.from(json, 'utf8') : json;
    await this.container.getBlockBlobClient(name).uploadData(body, {
      blobHTTPHeaders: { blobContentType: 'application/json' },
    });
    return { blob: name };
  }

  /** A payload written as it arrives (see StagedPayload): nothing is stored until its commit(). */
  stage(name: string): StagedPayload {
    return new StagedPayload(this.container.getBlockBlobClient(name), INLINE_LIMIT_CHARS);
  }

  /** The JSON text of a payload. */
  async text(payload: StoredPayload): Promise<string> {
    if ('inline' in payload) return payload.inline;
    const buffer = await this.container.getBlockBlobClient(payload.blob).downloadToBuffer();
    return buffer.toString('utf8');
  }

  /** The parsed value of a payload. */
  async json(payload: StoredPayload): Promise<unknown> {
    return JSON.parse(await this.text(payload)) as unknown;
  }

  /** A byte stream of the payload, without loading a blob into memory. */
  async stream(payload: StoredPayload): Promise<AsyncIterable<Uint8Array>> {
    if ('inline' in payload) return Readable.from([Buffer.from(payload.inline, 'utf8')]);
    const download = await this.container.getBlockBlobClient(payload.blob).download();
    const body = download.readableStreamBody;
    if (!body) throw new Error(`blob ${payload.blob} has no body`);
    return body as AsyncIterable<Uint8Array>;
  }

  /** Deletes one blob, if it is there. */
  async delete(name: string): Promise<void> {
    await this.container.deleteBlob(name, { deleteSnapshots: 'include' }).catch((error: unknown) => {
      if (toStorageStatus(error) !== 404) throw error;
    });
  }

  /** Deletes every blob whose name starts with `prefix`. */
  async deleteAll(prefix: string): Promise<number> {
    let deleted = 0;
    for await (const blob of this.container.listBlobsFlat({ prefix })) {
      await this.container.deleteBlob(blob.name, { deleteSnapshots: 'include' });
      deleted++;
    }
    return deleted;
  }
}
