import type { RpcLogLevel } from './coreTypes';

const QUIET_LEVELS: ReadonlySet<RpcLogLevel> = new Set(['trace', 'debug', 'none']);

/**
 * Writes one log line to stdout: `[source] message`, with the level spelled out unless it is
 * `information`. Newlines inside the message are escaped so one call is always one line
 * (the tests and the CLI's readiness check read stdout line by line).
 */
export function writeLogLine(source: string, level: RpcLogLevel, message: string): void {
  const label = level === 'information' ? '' : `${level}: `;
  const oneLine = message.replace(/\r?\n/g, '\\n');
  process.stdout.write(`[${source}] ${label}${oneLine}\n`);
}

/** Host-internal messages: debug chatter from the library (capabilities, bindings) is dropped. */
export function writeHostLogLine(level: RpcLogLevel, message: string): void {
  if (QUIET_LEVELS.has(level)) return;
  writeLogLine('host', level, message);
}

/** The message of anything thrown, for a log line. */
export function toErrorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : JSON.stringify(error) ?? String(error);
}
