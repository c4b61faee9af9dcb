import { element } from '../dom/element';
import { toIsoTime } from '../format/toIsoTime';
import { Field, Input, Select } from './Field';
import { ProgressBar } from './ProgressBar';
import type { ViewContext } from './View';

interface ReplayJob {
  readonly id?: string;
  readonly status?: string;
  readonly progress?: number;
  readonly message?: string;
}

/**
 * Replays every dead delivery of a time range (POST /api/manage/replays), then follows the
 * replay's own job through its status URL until it ends. The status URL carries a token: it is
 * fetched, never shown.
 */
export function ReplayRangeForm(context: ViewContext): { element: HTMLElement; refresh(): Promise<boolean> } {
  const from = Input('replay-from', 'datetime-local');
  const to = Input('replay-to', 'datetime-local');
  const topic = Select('replay-topic', context.topics, 'any topic');
  const hookId = Input('replay-hook', 'text');
  const jobId = Input('replay-job', 'text');
  const progress = element('div', { className: 'replay-progress', attrs: { 'aria-live': 'polite' } });
  const form = element('form', { className: 'filters', attrs: { 'aria-label': 'Replay a time range' } }, Field('From', from), Field('Before', to), Field('Topic', topic), Field('Hook id', hookId), Field('Job id', jobId), element('button', { attrs: { type: 'submit' } }, 'Replay range'));
  let statusUrl: string | undefined;
  let last = '';

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = { from: toIsoTime(from.value), to: toIsoTime(to.value), topic: topic.value || undefined, hookId: hookId.value.trim() || undefined, jobId: jobId.value.trim() || undefined };
    if (!body.from || !body.to) {
      context.announce('A replay needs both times.');
      return;
    }
    context.api.post<ReplayJob>('manage/replays', body).then(
      (answer) => {
        statusUrl = answer.location ?? undefined;
        last = '';
        progress.replaceChildren(element('p', {}, `Replay ${answer.body?.id ?? ''} started.`));
        context.announce('Replay started.');
        context.kick();
      },
      (error: unknown) => context.announce(`Replay failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  });

  async function refresh(): Promise<boolean> {
    if (!statusUrl) return false;
    try {
      const answer = await context.api.getUrl<ReplayJob>(statusUrl, false);
      const job = answer.body ?? {};
      if (answer.text !== last) {
        last = answer.text;
        progress.replaceChildren(element('p', {}, `Replay ${job.id ?? ''}: ${job.status ?? 'unknown'} `, ProgressBar(job.progress, job.message, 'Replay progress')));
      }
      if (answer.status !== 202) statusUrl = undefined;
      return statusUrl !== undefined;
    } catch (error) {
      // A replay job that ended failed answers 4xx with its problem: it is over either way.
      statusUrl = undefined;
      progress.replaceChildren(element('p', { className: 'notice error' }, `Replay ended: ${error instanceof Error ? error.message : String(error)}`));
      return false;
    }
  }

  return { element: element('section', { attrs: { 'aria-labelledby': 'replay-title' } }, element('h2', { id: 'replay-title' }, 'Replay a time range'), form, progress), refresh };
}
