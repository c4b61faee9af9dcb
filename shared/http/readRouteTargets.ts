import type { HttpRequest } from '@azure/functions';
import type { JobKind } from '../jobs/defineJob';
import { findJobKind } from '../jobs/catalog';
import type { Topic } from '../events/defineTopic';
import { findTopic } from '../events/catalog';
import { validateCallbackUrl, type CallbackUrlOptions } from '../delivery/validateCallbackUrl';
import { Problem } from '../model/errors';

/** The job kind the route's `{kind}` names; 404 when there is none. */
export function readJobKind(request: Pick<HttpRequest, 'params'>): JobKind {
  const kind = findJobKind(request.params.kind ?? '');
  if (!kind) throw new Problem(404, `There is no job kind "${request.params.kind ?? ''}".`);
  return kind;
}

/** The topic the route's `{topic}` names; 404 when there is none. */
export function readTopic(request: Pick<HttpRequest, 'params'>): Topic {
  const topic = findTopic(request.params.topic ?? '');
  if (!topic) throw new Problem(404, `There is no topic "${request.params.topic ?? ''}".`);
  return topic;
}

/**
 * A callback URL the outbound client may call under `options` (the app's callback settings); 400
 * naming `callbackUrl` otherwise (the URL is never echoed).
 */
export function readCallbackUrl(raw: string, options: CallbackUrlOptions): string {
  const verdict = validateCallbackUrl(raw, options);
  if (!verdict.ok) throw new Problem(400, verdict.reason, { errors: [{ path: 'callbackUrl', message: verdict.reason }] });
  return raw;
}
