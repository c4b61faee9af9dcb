import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { ContainerClient } from '@azure/storage-blob';
import { toStorageStatus } from './storageErrors';

const PREFIX = 'sealed.v1.';

/**
 * Seals secrets kept at rest (callback URLs with their `sig=`, hook signing secrets) with
 * AES-256-GCM, so that no table row holds one in clear: a table export, a reader of the table
 * alone, or a log of rows reveals none.
 */
export class SecretSealer {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new RangeError(`the sealing key must be 32 bytes, got ${key.length}`);
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${PREFIX}${iv.toString('base64url')}.${body.toString('base64url')}`;
  }

  open(sealed: string): string {
    if (!sealed.startsWith(PREFIX)) throw new Error('not a sealed value');
    const [iv, body] = sealed.slice(PREFIX.length).split('.');
    if (!iv || !body) throw new Error('a sealed value does not parse');
    const bytes = Buffer.from(body, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString('utf8');
  }
}

/**
 * The sealing key: LONGRUN_SECRET_KEY (base64, 32 bytes) when set; otherwise a random key kept in
 * the payloads container, created once by the first instance (If-None-Match: *, so two instances
 * racing agree on the winner's key). Keep that blob: without it sealed secrets cannot be opened.
 */
export async function loadSealingKey(configured: string | undefined, container: ContainerClient): Promise<Buffer> {
  if (configured) return Buffer.from(configured, 'base64');
  const blob = container.getBlockBlobClient('keys/secret-sealing.key');
  try {
    await blob.uploadData(randomBytes(32), { conditions: { ifNoneMatch: '*' } });
  } catch (error) {
    const status = toStorageStatus(error);
    if (status !== 409 && status !== 412) throw error;
  }
  return blob.downloadToBuffer();
}
