import type { DequeuedMessageItem } from '@azure/storage-queue';
import type { RpcTypedData } from './coreTypes';
import type { InvocationInput } from './invokeFunction';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The message text as the handler sees it; base64 that does not decode is an invocation failure. */
export function decodeMessageText(text: string, encoding: 'base64' | 'none'): string {
  if (encoding === 'none') return text;
  if (!BASE64.test(text)) throw new Error('The queue message is not valid base64 (host.json messageEncoding is "base64")');
  return Buffer.from(text, 'base64').toString('utf8');
}

function json(value: string): RpcTypedData {
  return { json: JSON.stringify(value) };
}

/**
 * The queue trigger's RPC data: the decoded text (the library parses JSON when it parses) and
 * the host's trigger metadata (Id, DequeueCount, InsertionTime, ExpirationTime, NextVisibleTime,
 * PopReceipt, QueueTrigger), which the library camel-cases.
 */
export function toQueueInvocationInput(
  triggerName: string,
  message: DequeuedMessageItem,
  popReceipt: string,
  encoding: 'base64' | 'none',
): InvocationInput {
  const text = decodeMessageText(message.messageText, encoding);
  return {
    inputData: [{ name: triggerName, data: { string: text } }],
    triggerMetadata: {
      Id: json(message.messageId),
      DequeueCount: { int: message.dequeueCount },
      InsertionTime: json(message.insertedOn.toISOString()),
      ExpirationTime: json(message.expiresOn.toISOString()),
      NextVisibleTime: json(message.nextVisibleOn.toISOString()),
      PopReceipt: json(popReceipt),
      QueueTrigger: json(text),
    },
  };
}
