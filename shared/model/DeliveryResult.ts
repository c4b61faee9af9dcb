/**
 * The closed set of outcomes of one outbound delivery attempt (modelled on Svix's WebhookClientError).
 * The outbound client returns one of these and never throws for a network outcome.
 * - `delivered`: a 2xx answer.
 * - `failureStatus`: any other status, 3xx included (redirects are never followed);
 *   `retryAfterSeconds` is set when a 429 or 503 carried a usable Retry-After.
 * - `blocked`: the scheme or every resolved address was refused by policy; nothing was sent.
 * - `timedOut`: no complete answer within the attempt's time budget.
 * - `connectFailed`: DNS, TCP or TLS failed, or the connection broke mid-request.
 * - `invalidUrl`: the URL does not parse, has user info, or is too long.
 * `response` is the first 1 KiB of the receiver's answer body as text, when it sent one.
 * No variant carries the URL: callback URLs hold secrets (ARCHITECTURE.md §6).
 */
export type DeliveryResult =
  | { readonly kind: 'delivered'; readonly status: number; readonly durationMs: number; readonly response?: string }
  | {
      readonly kind: 'failureStatus';
      readonly status: number;
      readonly retryAfterSeconds?: number;
      readonly durationMs: number;
      readonly response?: string;
    }
  | { readonly kind: 'blocked'; readonly reason: string }
  | { readonly kind: 'timedOut'; readonly durationMs: number }
  | { readonly kind: 'connectFailed'; readonly message: string }
  | { readonly kind: 'invalidUrl'; readonly reason: string };

/** The `kind` of a DeliveryResult. */
export type DeliveryResultKind = DeliveryResult['kind'];
