import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Where a log line goes without an exporter: the invocation's own log (InvocationContext). A sink
 * without a level's method takes the line on the next one down (error, warn, info).
 */
export interface LogSink {
  info?(message: string): void;
  warn?(message: string): void;
  error?(message: string): void;
}

const current = new AsyncLocalStorage<LogSink>();

/**
 * Runs an invocation with its log as the sink of every log record written inside it, however deep
 * (a hook disabled during a delivery logs to the invocation that delivered). Costs an
 * AsyncLocalStorage scope per invocation.
 */
export function runWithLogSink<T>(sink: LogSink, work: () => T): T {
  return current.run(sink, work);
}

/** The log of the invocation running now, if any. */
export function currentLogSink(): LogSink | undefined {
  return current.getStore();
}
