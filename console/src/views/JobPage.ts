import type { JobEnvelope } from '../api/wire';
import { element } from '../dom/element';
import { formatTime } from '../format/formatTime';
import { toJsonText } from '../format/toJsonText';
import { DefinitionList } from './DefinitionList';
import { Notice } from './Notice';
import { ProgressBar } from './ProgressBar';
import { ResultLoader } from './ResultLoader';
import type { View, ViewContext } from './View';

const ENDED = ['succeeded', 'failed', 'cancelled'];

/** One job: its envelope, workflow identity, timings, error (the problem body), result or a link to it, and Cancel. */
export function JobPage(context: ViewContext, id: string): View {
  const cancel = element('button', { attrs: { type: 'button' } }, 'Cancel job');
  const body = element('div', { className: 'result' });
  const root = element('section', { attrs: { 'aria-labelledby': 'job-title' } }, element('p', {}, element('a', { attrs: { href: '#/jobs' } }, '← Jobs')), element('h1', { id: 'job-title' }, 'Job ', element('span', { className: 'mono' }, id)), cancel, body);
  const path = `manage/jobs/${encodeURIComponent(id)}`;
  let signature = '';
  cancel.disabled = true;

  cancel.addEventListener('click', () => {
    cancel.disabled = true;
    context.api.post<JobEnvelope>(`${path}/cancel`).then(
      (answer) => {
        context.announce(`Cancel requested: the job is ${answer.body.status}.`);
        context.kick();
      },
      (error: unknown) => {
        context.announce(`Cancel failed: ${error instanceof Error ? error.message : String(error)}`);
        context.kick();
      },
    );
  });

  async function refresh(): Promise<{ changed: boolean; active: boolean }> {
    let answer;
    try {
      answer = await context.api.get<JobEnvelope>(path);
    } catch (error) {
      const text = `error:${String(error)}`;
      const changed = text !== signature;
      if (changed) body.replaceChildren(Notice(error, 'GET /api/manage/jobs/{id}'));
      signature = text;
      return { changed, active: false };
    }
    const job = answer.body;
    const active = !ENDED.includes(job.status);
    cancel.disabled = !active;
    if (answer.text === signature) return { changed: false, active };
    signature = answer.text;
    body.replaceChildren(...JobDetails(job, context));
    return { changed: true, active };
  }

  return { title: `Job ${id}`, element: root, refresh };
}

function JobDetails(job: JobEnvelope, context: ViewContext): HTMLElement[] {
  const w = job.workflow ?? {};
  const parts: HTMLElement[] = [
    element('h2', {}, 'Envelope'),
    DefinitionList([
      ['Kind', job.kind],
      ['Status', element('span', { className: `status status-${job.status}` }, job.status)],
      ['Progress', ENDED.includes(job.status) ? (job.progress !== undefined ? `${job.progress} %` : undefined) : ProgressBar(job.progress, job.message, 'Job progress')],
      ['Message', ENDED.includes(job.status) ? job.message : undefined],
      ['Created', formatTime(job.createdAt)],
      ['Updated', formatTime(job.updatedAt)],
      ['Completed', job.completedAt ? formatTime(job.completedAt) : undefined],
    ]),
    element('h2', {}, 'Workflow'),
    Object.keys(w).length === 0
      ? element('p', { className: 'empty' }, 'No workflow headers were recorded.')
      : DefinitionList([
          ['Workflow name', w.workflowName],
          ['Workflow id', w.workflowId],
          ['Run id', w.workflowRunId],
          ['Client tracking id', w.clientTrackingId],
          ['Operation', w.operationName],
          ['Action tracking id', w.actionTrackingId],
          ['Correlation id', w.correlationId],
        ]),
  ];
  if (job.error !== undefined) parts.push(element('h2', {}, 'Error'), element('pre', { className: 'data', attrs: { tabindex: '0', 'aria-label': 'Error' } }, toJsonText(job.error)));
  if (job.result !== undefined) parts.push(element('h2', {}, 'Result'), element('pre', { className: 'data', attrs: { tabindex: '0', 'aria-label': 'Result' } }, toJsonText(job.result)));
  else if (job.resultUrl) parts.push(element('h2', {}, 'Result'), ResultLoader(context, job.resultUrl));
  return parts;
}
