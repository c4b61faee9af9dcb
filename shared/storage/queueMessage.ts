/**
 * Queue messages are JSON, base64-encoded: the Functions host decodes base64 by default
 * (host.json `extensions.queues.messageEncoding`), while the JS queue client sends text as given.
 */
export function toQueueMessage(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64');
}

/** The inverse of toQueueMessage, for code that reads queues directly (poison handling, tests). */
export function fromQueueMessage(text: string): unknown {
  return JSON.parse(Buffer.from(text, 'base64').toString('utf8')) as unknown;
}
