import { randomUUID } from 'node:crypto';
import type {
  CoreInvocationContext,
  HookData,
  RpcInvocationRequest,
  RpcInvocationResponse,
  RpcLogCategory,
  RpcLogLevel,
} from './coreTypes';
import { appHookData, functionsCore, getHooks, type FunctionRegistration } from './functionsCore';
import { toErrorMessage, writeHostLogLine, writeLogLine } from './hostLog';

/** The trigger data of one invocation, shaped as the host sends it over RPC. */
export type InvocationInput = Pick<RpcInvocationRequest, 'inputData' | 'triggerMetadata'>;

async function runHooks(name: 'preInvocation' | 'postInvocation', context: Record<string, unknown>): Promise<void> {
  for (const hook of getHooks(name)) await hook(context);
}

function toLogger(functionName: string, getInvocationContext: () => unknown) {
  return (level: RpcLogLevel, category: RpcLogCategory, message: string): void => {
    if (category !== 'user') {
      writeHostLogLine(level, message);
      return;
    }
    const logContext: Record<string, unknown> = {
      level, category, message, invocationContext: getInvocationContext(), hookData: {}, appHookData,
    };
    // NOTE: log hooks are synchronous in the worker (they may rewrite level and message).
    for (const hook of getHooks('log')) void hook(logContext);
    writeLogLine(functionName, logContext.level as RpcLogLevel, String(logContext.message));
  };
}

/**
 * Runs one invocation the way the Node worker does (its InvocationHandler): the library's
 * InvocationModel turns RPC data into arguments, preInvocation hooks may swap inputs and handler,
 * the handler runs, postInvocation hooks see result or error, then the model builds the RPC
 * response. Throws what the handler threw (after the postInvocation hooks ran).
 */
export async function invokeFunction(
  registration: FunctionRegistration,
  input: InvocationInput,
  /** The id the host gives the invocation (an HTTP stream pairs it with the proxied request). */
  invocationId: string = randomUUID(),
): Promise<RpcInvocationResponse> {
  const { metadata } = registration;
  const current: { context?: unknown } = {};
  const coreContext: CoreInvocationContext = {
    invocationId,
    request: { invocationId, functionId: metadata.functionId ?? metadata.name, ...input },
    metadata,
    log: toLogger(metadata.name, () => current.context),
  };
  const model = functionsCore.getProgrammingModel().getInvocationModel(coreContext);
  const { context, inputs } = await model.getArguments();
  current.context = context;
  const hookData: HookData = {};

  const pre: Record<string, unknown> = {
    hookData, appHookData, invocationContext: context, inputs, functionCallback: registration.callback,
  };
  coreContext.state = 'preInvocationHooks';
  await runHooks('preInvocation', pre);
  coreContext.state = 'invocation';

  const post: Record<string, unknown> = {
    hookData, appHookData, invocationContext: context, inputs: pre.inputs, result: null, error: null,
  };
  try {
    post.result = await model.invokeFunction(
      context,
      pre.inputs as unknown[],
      pre.functionCallback as FunctionRegistration['callback'],
    );
  } catch (error) {
    post.error = error;
  }
  coreContext.state = 'postInvocationHooks';
  try {
    await runHooks('postInvocation', post);
  } finally {
    coreContext.state = undefined;
  }
  if (post.error !== null && post.error !== undefined) {
    throw post.error instanceof Error ? post.error : new Error(toErrorMessage(post.error));
  }
  return model.getResponse(context, post.result);
}
