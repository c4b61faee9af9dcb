import { createHmac, randomBytes } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';

/** What a Standard Webhooks signature covers. */
export interface WebhookMessage {
  /** The hook's secret, `whsec_` + base64 (the prefix may be absent, as Standard Webhooks libraries allow). */
  readonly secret: string;
  /** The message id; the same for every retry of one message, so receivers can deduplicate. */
  readonly id: string;
  /** Unix time of this attempt, in whole seconds. */
  readonly timestamp: number;
  /** The exact bytes sent as the request body. */
  readonly body: string | Buffer;
}

/** The three Standard Webhooks headers. */
export interface WebhookHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

function toKey(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const key = Buffer.from(encoded, 'base64');
  if (encoded.length === 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || key.length === 0) {
    throw new TypeError('webhook secret must be "whsec_" followed by base64');
  }
  return key;
}

/**
 * The Standard Webhooks signature (standardwebhooks.com, spec "Signature scheme"):
 * `v1,` + base64 HMAC-SHA256 of `${id}.${timestamp}.${body}`, keyed with the base64-decoded secret.
 */
export function signWebhook(message: WebhookMessage): string {
  if (!Number.isSafeInteger(message.timestamp) || message.timestamp < 0) {
    throw new RangeError(`timestamp must be whole seconds since the epoch, got ${message.timestamp}`);
  }
  const hmac = createHmac('sha256', toKey(message.secret));
  hmac.update(`${message.id}.${message.timestamp}.`);
  hmac.update(message.body);
  return `v1,${hmac.digest('base64')}`;
}

/** A message signed with each of several secrets (the receiver may hold any one of them). */
export interface MultiSecretMessage extends Omit<WebhookMessage, 'secret'> {
  readonly secrets: readonly string[];
}

/**
 * The headers of one signed delivery attempt. With several secrets, `webhook-signature` carries one
 * `v1,` signature per distinct secret, space-separated: the Standard Webhooks spec makes the header
 * a space-delimited list (for zero-downtime secret rotation), and a receiver accepts any entry that
 * verifies with its secret.
 */
export function toWebhookHeaders(message: WebhookMessage | MultiSecretMessage): WebhookHeaders {
  const secrets = 'secrets' in message ? [...new Set(message.secrets)] : [message.secret];
  if (secrets.length === 0) throw new RangeError('a webhook needs at least one secret to be signed with');
  return {
    'webhook-id': message.id,
    'webhook-timestamp': String(message.timestamp),
    'webhook-signature': secrets.map((secret) => signWebhook({ id: message.id, timestamp: message.timestamp, body: message.body, secret })).join(' '),
  };
}

/** A new hook secret: `whsec_` + base64 of 24 random bytes (192 bits), returned by the subscribe that made it. */
export function newWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(24).toString('base64');
}
