import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { SEALING_KEY_BYTES } from './toSealingKey';

const V1 = 'sealed.v1.';
const V2 = 'sealed.v2.';

/** What a key id hashes besides the key: a fixed label, so the id is used for nothing else. */
const KEY_ID_LABEL = 'longrun sealing key id v1\0';

/**
 * The id a sealed value names its key by: the first 8 bytes (hex) of SHA-256 over a fixed label and
 * the key. It tells keys apart and reveals nothing about them.
 */
export function toSealingKeyId(key: Buffer): string {
  return createHash('sha256').update(KEY_ID_LABEL, 'utf8').update(key).digest().subarray(0, 8).toString('hex');
}

interface RingKey {
  readonly id: string;
  readonly key: Buffer;
}

/**
 * Seals secrets kept at rest (callback URLs with their `sig=`, hook signing secrets) with
 * AES-256-GCM, so that no table row holds one in clear: a table export, a reader of the table
 * alone, or a log of rows reveals none. It holds a key ring, newest first: it seals with the
 * newest key as `sealed.v2.<key id>.<iv>.<body>` and opens with the key the value names, so a
 * value sealed before a rotation opens as long as its key is still listed. Values of the first
 * format, `sealed.v1.<iv>.<body>`, name no key: each key is tried in turn (GCM's tag tells the one).
 */
export class SecretSealer {
  private readonly ring: readonly RingKey[];

  constructor(keys: readonly Buffer[]) {
    if (keys.length === 0) throw new RangeError('the sealer needs at least one key');
    for (const key of keys) {
      if (key.length !== SEALING_KEY_BYTES) throw new RangeError(`a sealing key must be 32 bytes, got ${key.length}`);
    }
    this.ring = keys.map((key) => ({ id: toSealingKeyId(key), key }));
  }

  seal(plaintext: string): string {
    const newest = this.ring[0] as RingKey;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', newest.key, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${V2}${newest.id}.${iv.toString('base64url')}.${body.toString('base64url')}`;
  }

  open(sealed: string): string {
    if (sealed.startsWith(V2)) {
      const [id, iv, body, ...rest] = sealed.slice(V2.length).split('.');
      if (!id || !iv || !body || rest.length > 0) throw new Error('a sealed value does not parse');
      const match = this.ring.find((k) => k.id === id);
      if (!match) throw new Error(`a sealed value names key ${id}, which is not among the ${this.ring.length} sealing keys listed (LONGRUN_SECRET_KEYS)`);
      return decrypt(match.key, iv, body);
    }
    if (sealed.startsWith(V1)) {
      const [iv, body, ...rest] = sealed.slice(V1.length).split('.');
      if (!iv || !body || rest.length > 0) throw new Error('a sealed value does not parse');
      for (const { key } of this.ring) {
        try {
          return decrypt(key, iv, body);
        } catch {
          // not this key: GCM's tag did not verify
        }
      }
      throw new Error(`a sealed.v1 value opens with none of the ${this.ring.length} sealing keys listed (LONGRUN_SECRET_KEYS)`);
    }
    throw new Error('not a sealed value');
  }
}

function decrypt(key: Buffer, iv: string, body: string): string {
  const bytes = Buffer.from(body, 'base64url');
  if (bytes.length < 16) throw new Error('a sealed value does not parse');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString('utf8');
}
