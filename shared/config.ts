import { z } from 'zod';
import ipaddr from 'ipaddr.js';
import { ConfigError } from './config/ConfigError';
import { toStorageConfig, type StorageConfig } from './config/toStorageConfig';

export { ConfigError } from './config/ConfigError';
export type { StorageConfig } from './config/toStorageConfig';

const integer = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'expected a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

const boolean = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['true', 'false', '1', '0']))
  .transform((v) => v === 'true' || v === '1');

const cidrList = z
  .string()
  .transform((s) => s.split(',').map((c) => c.trim()).filter((c) => c.length > 0))
  .superRefine((list, ctx) => {
    for (const cidr of list) {
      try {
        ipaddr.parseCIDR(cidr);
      } catch {
        ctx.addIssue({ code: 'custom', message: `"${cidr}" is not a CIDR such as 127.0.0.0/8 or ::1/128` });
      }
    }
  });

/** The delivery retry schedule, in seconds before each attempt: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
export const DEFAULT_DELIVERY_SCHEDULE_SECONDS: readonly number[] = [0, 5, 300, 1800, 7200, 18000, 36000, 36000];

const secondsList = z
  .string()
  .transform((s) => s.split(',').map((c) => c.trim()))
  .pipe(z.array(z.string().regex(/^\d+(\.\d+)?$/, 'expected seconds such as 0,5,300').transform(Number)).min(1));

const absoluteHttpUrl = z
  .string()
  .trim()
  .pipe(z.url({ protocol: /^https?$/ }))
  .transform((s) => s.replace(/\/+$/, ''));

// NOTE: an app setting whose Key Vault reference cannot be resolved reaches the app as the reference's
// own text (app-service-key-vault-references): it is long enough to pass as a key, so it is refused.
const keyList = z
  .string()
  .refine((s) => !s.trim().startsWith('@Microsoft.KeyVault('), 'the Key Vault reference was not resolved: check the app identity\'s access to the vault')
  .transform((s) => s.split(',').map((k) => k.trim()).filter((k) => k.length > 0))
  .pipe(z.array(z.string().min(32, 'each key must be base64 of 32 bytes or a secret of at least 32 characters')).min(1, 'expected at least one key'));

/** The LONGRUN_* settings; each field's comment gives its meaning and default. */
const settingsSchema = z.object({
  /** Base of every URL we hand out (Location, status, hook URLs). Default: WEBSITE_HOSTNAME in Azure, else the request. */
  LONGRUN_PUBLIC_BASE_URL: absoluteHttpUrl.optional(),
  /** Take the public origin from X-Forwarded-Proto/X-Forwarded-Host (only behind a proxy that sets them). Default false. */
  LONGRUN_TRUST_FORWARDED_HEADERS: boolean.default(false),
  /** Refuse `http:` callback and hook URLs. Default true; local runs set false. */
  LONGRUN_CALLBACK_HTTPS_ONLY: boolean.default(true),
  /** CIDRs that callbacks may reach although private or loopback. Default: none. */
  LONGRUN_CALLBACK_ALLOWED_NETWORKS: cidrList.default([]),
  /** Start answers 429 when the `jobs` queue holds more than this many messages. Default 100000. */
  LONGRUN_MAX_BACKLOG: integer(1, 100_000_000).default(100_000),
  /** Terminal jobs and delivered events are purged after this many days. Default 7. */
  LONGRUN_RETENTION_DAYS: integer(1, 3650).default(7),
  /** A hook that has failed for this many hours is disabled. Default 120. */
  LONGRUN_HOOK_DISABLE_AFTER_HOURS: integer(1, 10_000).default(120),
  /** Largest request body accepted, in bytes. Default 104857600 (100 MB, the Logic Apps message limit). */
  LONGRUN_MAX_BODY_BYTES: integer(1024, 1_073_741_824).default(104_857_600),
  /** Readers of the event feed stay this far behind now, so late writes are never skipped. Default 2000. */
  LONGRUN_FEED_SETTLE_MS: integer(0, 600_000).default(2000),
  /** Delay before each delivery attempt, in seconds (ARCHITECTURE.md §6). Default 0,5,300,1800,7200,18000,36000,36000. */
  LONGRUN_DELIVERY_SCHEDULE_SECONDS: secondsList.default([...DEFAULT_DELIVERY_SCHEDULE_SECONDS]),
  /** Time allowed for one outbound delivery attempt, in milliseconds. Default 10000. */
  LONGRUN_DELIVERY_TIMEOUT_MS: integer(100, 120_000).default(10_000),
  /**
   * How long a job's end or a fan-out waits for a first delivery attempt, in milliseconds; a receiver
   * slower than this is answered in the background and the worker moves on. Default 1000.
   */
  LONGRUN_DELIVERY_INLINE_BUDGET_MS: integer(0, 120_000).default(1000),
  /**
   * Keys that seal callback URLs and hook secrets at rest, newest first (the first seals, any opens):
   * each base64 of 32 bytes or a secret of at least 32 characters. Required in Azure; locally the
   * default is a random key the app creates once in the payloads container.
   */
  LONGRUN_SECRET_KEYS: keyList.optional(),
  /** The single key of earlier versions (base64 of 32 bytes), opened with as the oldest of LONGRUN_SECRET_KEYS. */
  LONGRUN_SECRET_KEY: z
    .string()
    .trim()
    .refine((s) => /^[A-Za-z0-9+/]+={0,2}$/.test(s) && Buffer.from(s, 'base64').length === 32, 'expected 32 bytes in base64')
    .optional(),
  /** A job's invocation yields at its next checkpoint after this many seconds and continues in the next. Default 240. */
  LONGRUN_JOB_SLICE_SECONDS: integer(1, 3600).default(240),
  /** Who may call the management routes: `key` (the host's function keys) or `entra` (a bearer token checked by the app). Default key. */
  LONGRUN_AUTH: z.string().trim().toLowerCase().pipe(z.enum(['key', 'entra'])).default('key'),
  /** The tokens' `iss`, exactly: `https://login.microsoftonline.com/<tenant>/v2.0` or `https://sts.windows.net/<tenant>/`. Required for entra. */
  LONGRUN_ENTRA_ISSUER: z.string().trim().pipe(z.url({ protocol: /^https?$/ })).optional(),
  /** The tokens' `aud`: the app registration's client id or Application ID URI. Required for entra. */
  LONGRUN_ENTRA_AUDIENCE: z.string().trim().min(1).optional(),
  /** The app role a caller's token must carry in `roles`. Default Longrun.Caller. */
  LONGRUN_ENTRA_ROLE: z.string().trim().min(1).default('Longrun.Caller'),
  /** Where the issuer's signing keys are. Default: `jwks_uri` of `<issuer>/.well-known/openid-configuration`. */
  LONGRUN_ENTRA_JWKS_URI: z.string().trim().pipe(z.url({ protocol: /^https?$/ })).optional(),
}).superRefine((settings, ctx) => {
  if (settings.LONGRUN_AUTH !== 'entra') return;
  for (const name of ['LONGRUN_ENTRA_ISSUER', 'LONGRUN_ENTRA_AUDIENCE'] as const) {
    if (settings[name] === undefined) ctx.addIssue({ code: 'custom', path: [name], message: 'required when LONGRUN_AUTH is entra' });
  }
});

/** Settings whose values are secrets. */
const SECRET_SETTINGS = new Set(['LONGRUN_SECRET_KEYS', 'LONGRUN_SECRET_KEY']);

/** The App Service the app runs on (Azure), from the variables the platform sets. */
export interface AppService {
  readonly siteName: string;
  /** The app's default host name (`<app>.azurewebsites.net`); custom domains are not in it. */
  readonly hostname?: string;
}

export type Settings = z.output<typeof settingsSchema>;
export type Config = Settings & { readonly storage: StorageConfig; readonly appService?: AppService };

// NOTE: App Service (which hosts Functions) sets WEBSITE_SITE_NAME and WEBSITE_HOSTNAME, read-only
// ("Environment variables and app settings in Azure App Service", reference-app-settings). Core Tools
// sets WEBSITE_HOSTNAME locally too (localhost:<port>; Azure/azure-functions-core-tools, StartHostAction),
// so only WEBSITE_SITE_NAME says the app runs in Azure.
function toAppService(env: NodeJS.ProcessEnv): AppService | undefined {
  const siteName = env.WEBSITE_SITE_NAME?.trim();
  const hostname = env.WEBSITE_HOSTNAME?.trim();
  return siteName ? { siteName, ...(hostname ? { hostname } : {}) } : undefined;
}

/** Parses the settings from an environment; throws ConfigError naming the first bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const settings = loadSettings(env);
  const appService = toAppService(env);
  if (appService && !settings.LONGRUN_SECRET_KEYS && !settings.LONGRUN_SECRET_KEY) {
    // In Azure the sealing key stays out of the storage account it protects (README "Sealing keys").
    throw new ConfigError('Setting LONGRUN_SECRET_KEYS is required in Azure (WEBSITE_SITE_NAME is set): give it a key, e.g. a Key Vault reference');
  }
  return { ...settings, storage: toStorageConfig(env), ...(appService ? { appService } : {}) };
}

/** The LONGRUN_* settings alone (no storage): what registration reads while the app loads. */
export function loadSettings(env: NodeJS.ProcessEnv): Settings {
  const present = Object.fromEntries(
    Object.keys(settingsSchema.shape)
      .filter((k) => env[k] !== undefined && env[k] !== '')
      .map((k) => [k, env[k]]),
  );
  const parsed = settingsSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'settings');
    // A secret setting's value is never echoed: start-up errors end up in logs.
    const got = SECRET_SETTINGS.has(name) ? `${(env[name] ?? '').length} characters` : `"${env[name] ?? ''}"`;
    throw new ConfigError(`Setting ${name} is invalid: ${issue?.message ?? 'unknown problem'} (got ${got})`);
  }
  return parsed.data;
}

let cached: Config | undefined;

/** The app's config, read once from process.env. */
export function getConfig(): Config {
  cached ??= loadConfig(process.env);
  return cached;
}

/** Forgets the cached config (tests change the environment between cases). */
export function resetConfig(): void {
  cached = undefined;
}
