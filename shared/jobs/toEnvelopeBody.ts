import { Readable } from 'node:stream';
import { toEnvelope, type Job } from '../model/Job';
import type { PayloadStore } from '../storage/PayloadStore';

/**
 * The envelope as JSON text with the result spliced in as stored, never parsed: a large result is
 * streamed from its blob instead of being loaded and re-serialised.
 */
export async function toEnvelopeStream(job: Job, payloads: PayloadStore): Promise<Readable> {
  const head = JSON.stringify(toEnvelope(job));
  if (!job.result) return Readable.from([Buffer.from(head)]);
  const result = await payloads.stream(job.result);
  async function* parts(): AsyncIterable<Uint8Array> {
    yield Buffer.from(`${head.slice(0, -1)},"result":`);
    yield* result;
    yield Buffer.from('}');
  }
  return Readable.from(parts());
}

/** The whole envelope, result included, as JSON text (callbacks send it in one POST). */
export async function toEnvelopeJson(job: Job, payloads: PayloadStore): Promise<string> {
  const head = JSON.stringify(toEnvelope(job));
  if (!job.result) return head;
  return `${head.slice(0, -1)},"result":${await payloads.text(job.result)}}`;
}
