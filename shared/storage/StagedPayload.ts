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
  /** One block's buffer, filled and staged again and again: a large body costs one block of memory and no copies to collect. */
  private block: Buffer | undefined;
  private filled = 0;
  private readonly blockIds: string[] = [];
  private size = 0;

  constructor(
    private readonly blob: BlockBlobClient,
    /** The payload is inline when it is at most this many bytes and nothing was staged. */
    private readonly inlineLimit: number,
    private readonly blockBytes = STAGE_BLOCK_BYTES,
  ) {
    if (blockBytes <= inlineLimit) throw new Error('A staged block must be larger than the inline limit');
  }

  /** The blob the payload goes to when it does not fit inline. */
  get name(): string {
    return this.blob.name;
  }

  /** Bytes written so far. */
  get bytes(): number {
    return this.size;
  }

  /** Adds bytes (copied: the caller's buffer may be reused); stages each full block, awaited, so it paces the reader. */
  async write(chunk: Buffer): Promise<void> {
    this.size += chunk.length;
    for (let at = 0; at < chunk.length; ) {
      this.block ??= Buffer.allocUnsafeSlow(this.blockBytes);
      const copied = chunk.copy(this.block, this.filled, at);
      this.filled += copied;
      at += copied;
      // A full block is past the inline limit (the constructor checks it), so it is staged.
      if (this.filled === this.blockBytes) await this.stageFilled();
    }
  }

  /** Makes the payload: inline when small, else the remaining block staged and the block list committed. */
  async commit(): Promise<StoredPayload> {
    if (this.blockIds.length === 0 && this.size <= this.inlineLimit) return { inline: this.block?.toString('utf8', 0, this.filled) ?? '' };
    if (this.filled > 0) await this.stageFilled();
    await this.blob.commitBlockList(this.blockIds, { blobHTTPHeaders: { blobContentType: 'application/json' } });
    return { blob: this.blob.name };
  }

  /** Stages what the block holds; once the call has returned the buffer is free to fill again. */
  private async stageFilled(): Promise<void> {
    // Block ids of one blob must all have the same length.
    const id = Buffer.from(`block-${String(this.blockIds.length).padStart(6, '0')}`).toString('base64');
    await this.blob.stageBlock(id, this.block?.subarray(0, this.filled) ?? Buffer.alloc(0), this.filled);
    this.blockIds.push(id);
    this.filled = 0;
  }
}
