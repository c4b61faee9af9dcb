import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { z } from 'zod';

/** The `extensions.queues` section of host.json, with the host's defaults. */
export interface QueueSettings {
  /** Longest wait between polls of an empty queue. Default 1 minute. */
  readonly maxPollingIntervalMs: number;
  /** Visibility given back to a message whose invocation failed. Default 0. */
  readonly visibilityTimeoutMs: number;
  /** Messages received per batch and handlers run at once per queue (1..32). Default 16. */
  readonly batchSize: number;
  /** Fetch the next batch when this many or fewer handlers are still running. Default batchSize / 2. */
  readonly newBatchThreshold: number;
  /** Attempts before a message moves to `<queue>-poison`. Default 5. */
  readonly maxDequeueCount: number;
  /** How message text is encoded on the queue. Default `base64`. */
  readonly messageEncoding: 'base64' | 'none';
}

/** What the stand-in host reads from host.json. */
export interface HostSettings {
  /** `extensions.http.routePrefix`; default `api`; `""` serves routes at the root. */
  readonly routePrefix: string;
  readonly queues: QueueSettings;
}

const TIME_SPAN = /^(?:(\d+)\.)?(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d{1,7}))?$/;

/** A .NET TimeSpan (`[d.]hh:mm:ss[.fff]`) or a number of milliseconds, in milliseconds. */
export function toMilliseconds(value: string | number, setting: string): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0) return value;
    throw new Error(`host.json: ${setting} must be a non-negative number of milliseconds or hh:mm:ss, got ${value}`);
  }
  const match = TIME_SPAN.exec(value.trim());
  if (!match) throw new Error(`host.json: ${setting} must be hh:mm:ss or a number of milliseconds, got "${value}"`);
  const [, days = '0', hours = '0', minutes = '0', seconds = '0', fraction = ''] = match;
  const ms = Number(`0.${fraction || '0'}`) * 1000;
  return ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60_000 + Number(seconds) * 1000 + Math.round(ms);
}

const duration = z.union([z.string(), z.number()]);
const hostJsonSchema = z.object({
  extensions: z.object({
    http: z.object({ routePrefix: z.string().optional() }).loose().optional(),
    queues: z.object({
      maxPollingInterval: duration.optional(),
      visibilityTimeout: duration.optional(),
      batchSize: z.number().int().min(1).max(32).optional(),
      newBatchThreshold: z.number().int().min(0).optional(),
      maxDequeueCount: z.number().int().min(1).optional(),
      messageEncoding: z.string().toLowerCase().pipe(z.enum(['base64', 'none'])).optional(),
    }).loose().optional(),
  }).loose().optional(),
}).loose();

/** host.json content -> settings with the host's defaults; throws naming the offending field. */
export function toHostSettings(hostJson: unknown): HostSettings {
  const parsed = hostJsonSchema.safeParse(hostJson ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`host.json: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  const queues = parsed.data.extensions?.queues ?? {};
  const batchSize = queues.batchSize ?? 16;
  return {
    routePrefix: (parsed.data.extensions?.http?.routePrefix ?? 'api').replace(/^\/+|\/+$/g, ''),
    queues: {
      maxPollingIntervalMs: toMilliseconds(queues.maxPollingInterval ?? 60_000, 'extensions.queues.maxPollingInterval'),
      visibilityTimeoutMs: toMilliseconds(queues.visibilityTimeout ?? 0, 'extensions.queues.visibilityTimeout'),
      batchSize,
      newBatchThreshold: queues.newBatchThreshold ?? Math.floor(batchSize / 2),
      maxDequeueCount: queues.maxDequeueCount ?? 5,
      messageEncoding: queues.messageEncoding ?? 'base64',
    },
  };
}

function readJsonc(file: string): unknown {
  const errors: ParseError[] = [];
  const value: unknown = parse(readFileSync(file, 'utf8'), errors, { allowTrailingComma: true });
  const first = errors[0];
  if (first) throw new Error(`${file}: ${printParseErrorCode(first.error)} at offset ${first.offset}`);
  return value;
}

/** Reads `<appRoot>/host.json` (absent: all defaults). */
export function readHostSettings(appRoot: string): HostSettings {
  const file = join(appRoot, 'host.json');
  return toHostSettings(existsSync(file) ? readJsonc(file) : {});
}

const localSettingsSchema = z.object({
  Values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
}).loose();

/** `Values` of `<appRoot>/local.settings.json` as strings (absent file: none). */
export function readLocalSettingsValues(appRoot: string): Record<string, string> {
  const file = join(appRoot, 'local.settings.json');
  if (!existsSync(file)) return {};
  const parsed = localSettingsSchema.safeParse(readJsonc(file));
  if (!parsed.success) throw new Error(`${file}: Values must map names to strings`);
  return Object.fromEntries(Object.entries(parsed.data.Values ?? {}).map(([k, v]) => [k, String(v)]));
}
