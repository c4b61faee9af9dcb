import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { startTelemetry, stopTelemetry } from '../telemetry/startTelemetry';
import { traceInvocation, type InvocationInfo } from '../telemetry/traceInvocation';

let started = false;

function readTraceparent(input: unknown, trigger: InvocationInfo['trigger']): string | undefined {
  if (trigger === 'http') return (input as HttpRequest | undefined)?.headers?.get('traceparent') ?? undefined;
  if (trigger !== 'queue' || typeof input !== 'object' || input === null) return undefined;
  const carried = (input as { traceparent?: unknown }).traceparent;
  return typeof carried === 'string' ? carried : undefined;
}

function toInvocationInfo(context: InvocationContext, input: unknown): InvocationInfo {
  const type = context.options.trigger.type;
  const trigger = type === 'httpTrigger' ? 'http' : type === 'queueTrigger' ? 'queue' : type === 'timerTrigger' ? 'timer' : 'other';
  const queue = trigger === 'queue' ? context.options.trigger.queueName : undefined;
  const insertedAt = context.triggerMetadata?.insertionTime;
  const carried = readTraceparent(input, trigger);
  return {
    functionName: context.functionName,
    invocationId: context.invocationId,
    trigger,
    ...(context.traceContext?.traceParent ? { hostTraceparent: context.traceContext.traceParent } : {}),
    ...(context.traceContext?.traceState ? { hostTracestate: context.traceContext.traceState } : {}),
    ...(carried ? { carriedTraceparent: carried } : {}),
    ...(typeof queue === 'string' ? { queue } : {}),
    ...(typeof insertedAt === 'string' || insertedAt instanceof Date ? { insertedAt } : {}),
  };
}

function statusOf(result: unknown): number | undefined {
  const status = (result as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Once per process, while the app loads (before any handler runs): starts telemetry from the
 * environment and wraps every invocation (a preInvocation hook) so its structured log records reach
 * its own log and, with an exporter, it runs in a span continuing the trace its trigger carried.
 * NOTE: "Use OpenTelemetry with Azure Functions" has Node apps instrument in code loaded with the
 * functions (here: the wiring point every function imports); its @azure/functions-opentelemetry-instrumentation
 * does the same through the same hook (InvocationContext.traceContext as the parent), which Longrun
 * does itself so that a queue message's own trace context can take precedence.
 */
export function startInstrumentation(): void {
  if (started) return;
  started = true;
  startTelemetry();
  app.hook.preInvocation((pre) => {
    const context = pre.invocationContext;
    const handler = pre.functionHandler;
    const info = toInvocationInfo(context, pre.inputs[0]);
    pre.functionHandler = (input: unknown, invocation: InvocationContext) =>
      traceInvocation(info, context, async () => (await handler(input, invocation)) as unknown, statusOf);
  });
  app.hook.appTerminate(() => stopTelemetry());
}
