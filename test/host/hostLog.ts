import type { RpcLogLevel } from './coreTypes';

const QUIET_LEVELS: ReadonlySet<RpcLogLevel> = new Set(['trace', 'debug', 'none']);

/**
 * Lines logged during one turn of the event loop, handed to `sink` together at its end (and on
 * flush()), in the order they were logged.
 */
export class LineBatch {
  #pending: string[] = [];
  #scheduled = false;

  constructor(private readonly sink: (text: string) => void) {}

  add(line: string): void {
    this.#pending.push(line);
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => this.flush());
  }

  flush(): void {
    this.#scheduled = false;
    if (this.#pending.length === 0) return;
    const text = this.#pending.join('');
    this.#pending = [];
    this.sink(text);
  }
}

const stdoutLines = new LineBatch((text) => process.stdout.write(text));

/** Writes the lines logged so far: before the ready line, and when the process exits. */
export function flushLogLines(): void {
  stdoutLines.flush();
}

// Node writes to a pipe, a file or a Linux terminal synchronously, so this lands before exit.
process.on('exit', flushLogLines);

/**
 * Writes one log line to stdout: `[source] message`, with the level spelled out unless it is
 * `information`. Newlines inside the message are escaped so one call is always one line
 * (the tests and the CLI's readiness check read stdout line by line).
 * NOTE: the Node worker does not write a log line where it is logged: it sends an `rpcLog` message on
 * its gRPC event stream to the host (azure-functions-nodejs-worker, src/WorkerContext.ts, `log`:
 * `this.eventStream.write({ rpcLog: log })`), and the host writes it out. So an invocation never waits
 * on a write to stdout, which Node makes synchronous for pipes and terminals on Linux (Node.js docs,
 * process, "A note on process I/O"): the lines of one turn of the event loop go out in one write at its end.
 */
export function writeLogLine(source: string, level: RpcLogLevel, message: string): void {
  const label = level === 'information' ? '' : `${level}: `;
  const oneLine = message.replace(/\r?\n/g, '\\n');
  stdoutLines.add(`[${source}] ${label}${oneLine}\n`);
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
