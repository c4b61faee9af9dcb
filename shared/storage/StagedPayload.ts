import type { BlockBlobClient } from '@azure/storage-blob';
import type { StoredPayload } from '../model/Job';

/** Bytes per staged block: what a start holds of a large body at a time. */
export const STAGE_BLOCK_BYTES = 4 * 1024 * 1024;

/**
 * A payload written as it arrives: kept in memory while it may still fit inline, then staged to
 * its blob block by block (Put Block) and made the blob only by commit() (Put Block List).
 * NOTE: staged blocks are not part of any blob until the block list is committed, and the service
 * discards uncommitted blocks after a week (Put Block, Remarks; BlockBlobClient.CommitBlockList:
 * "Uncommitted blocks will expire and be permanently deleted after 7 days"): an input refused
 * half-way, or a start that finds its job already there, never commits and leaves no blob.
 */
export class StagedPayload {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private readonly blockIds: string[] = [];
  private size = 0;

  constructor(
    private readonly blob: BlockBlobClient,
    /** The payload is inline when it is at most this many bytes and nothing was staged. */
    private readonly inlineLimit: number,
    private readonly blockBytes = STAGE_BLOCK_BYTES,
  ) {}

  /** The blob the payload goes to when it does not fit inline. */
  get name(): string {
    return this.blob.name;
  }

  /** Bytes written so far. */
  get bytes(): number {
    return this.size;
  }

  /** Adds bytes; stages a block once a block's worth is pending (awaited, so it paces the reader). */
  async write(chunk: Buffer): Promise<void> {
    this.pending.push(Buffer.from(chunk)); // a copy: the caller's buffer may be reused
    this.pendingBytes += chunk.length;
    this.size += chunk.length;
    while (this.pendingBytes >= this.blockBytes && this.size > this.inlineLimit) await this.stage(this.blockBytes);
  }

  /** Makes the payload: inline when small, else the remaining block staged and the block list committed. */
  async commit(): Promise<StoredPayload> {
    if (this.blockIds.length === 0 && this.size <= this.inlineLimit) return { inline: Buffer.concat(this.pending).toString('utf8') };
    if (this.pendingBytes > 0) await this.stage(this.pendingBytes);
    await this.blob.commitBlockList(this.blockIds, { blobHTTPHeaders: { blobContentType: 'application/json' } });
    return { blob: this.blob.name };
  }

  private async stage(bytes: number): Promise<void> {
    const all = this.pending.length === 1 ? (this.pending[0] as Buffer) : Buffer.concat(this.pending);
    const block = all.subarray(0, bytes);
    const left = all.subarray(bytes);
    this.pending = left.length > 0 ? [left] : [];
    this.pendingBytes = left.length;
    // Block ids of one blob must all have the same length.
    const id = Buffer.from(`block-${String(this.blockIds.length).padStart(6, '0')}`).toString('base64');
    await this.blob.stageBlock(id, block, block.length);
    this.blockIds.push(id);
  }
}
