import type { JobEnvelope, ListPage } from '../api/wire';
import { element } from '../dom/element';
import { formatTime } from '../format/formatTime';
import { Field, Input, Select } from './Field';
import { Notice } from './Notice';
import { ProgressBar } from './ProgressBar';
import { toIsoTime } from '../format/toIsoTime';
import type { View, ViewContext } from './View';

const STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];
const PAGE_SIZE = '50';

/** Jobs: filtered by status, kind, time range and client tracking id, newest first, paged by skiptoken. */
export function JobsPage(context: ViewContext): View {
  const status = Select('job-status', STATUSES, 'any status');
  const kind = Select('job-kind', context.kinds, 'any kind');
  const from = Input('job-from', 'datetime-local');
  const to = Input('job-to', 'datetime-local');
  const tracking = Input('job-tracking', 'search');
  const form = element('form', { className: 'filters', attrs: { 'aria-label': 'Job filters' } }, Field('Status', status), Field('Kind', kind), Field('Created from', from), Field('Created before', to), Field('Client tracking id', tracking), element('button', { attrs: { type: 'submit' } }, 'Apply'));
  const result = element('div', { className: 'result' });
  const newer = element('button', { attrs: { type: 'button' } }, 'Newer');
  const older = element('button', { attrs: { type: 'button' } }, 'Older');
  const pager = element('nav', { className: 'pager', attrs: { 'aria-label': 'Job pages' } }, newer, older);
  const root = element('section', { attrs: { 'aria-labelledby': 'jobs-title' } }, element('h1', { id: 'jobs-title' }, 'Jobs'), form, result, pager);

  // The skiptokens of the pages before this one, and this page's; the next page's, when there is one.
  const tokens: (string | undefined)[] = [undefined];
  let nextToken: string | undefined;
  let signature = '';

  const restart = (): void => {
    tokens.splice(0, tokens.length, undefined);
    context.kick();
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    restart();
  });
  newer.addEventListener('click', () => {
    if (tokens.length > 1) tokens.pop();
    context.kick();
  });
  older.addEventListener('click', () => {
    if (!nextToken) return;
    tokens.push(nextToken);
    context.kick();
  });

  async function refresh(): Promise<{ changed: boolean; active: boolean }> {
    let answer;
    try {
      answer = await context.api.get<ListPage<JobEnvelope>>('manage/jobs', {
        status: status.value,
        kind: kind.value,
        from: toIsoTime(from.value),
        to: toIsoTime(to.value),
        clientTrackingId: tracking.value.trim(),
        top: PAGE_SIZE,
        skiptoken: tokens[tokens.length - 1],
      });
    } catch (error) {
      const text = `error:${String(error)}`;
      if (text !== signature) result.replaceChildren(Notice(error, 'GET /api/manage/jobs'));
      const changed = text !== signature;
      signature = text;
      return { changed, active: false };
    }
    const jobs = answer.body.value;
    nextToken = answer.body.nextLink ? (new URL(answer.body.nextLink, location.href).searchParams.get('skiptoken') ?? undefined) : undefined;
    newer.disabled = tokens.length <= 1;
    older.disabled = !nextToken;
    const active = jobs.some((job) => job.status === 'queued' || job.status === 'running');
    if (answer.text === signature) return { changed: false, active };
    signature = answer.text;
    result.replaceChildren(jobs.length === 0 ? element('p', { className: 'empty' }, 'No job matches these filters.') : JobsTable(jobs));
    return { changed: true, active };
  }

  return { title: 'Jobs', element: root, refresh };
}

function JobsTable(jobs: readonly JobEnvelope[]): HTMLTableElement {
  const head = element('tr', {}, ...['Job', 'Kind', 'Status', 'Progress', 'Created', 'Client tracking id'].map((h) => element('th', { attrs: { scope: 'col' } }, h)));
  const rows = jobs.map((job) =>
    element(
      'tr',
      {},
      element('td', { className: 'mono' }, element('a', { attrs: { href: `#/jobs/${encodeURIComponent(job.id)}` } }, job.id)),
      element('td', {}, job.kind),
      element('td', {}, element('span', { className: `status status-${job.status}` }, job.status)),
      element('td', {}, job.status === 'running' || job.status === 'queued' ? ProgressBar(job.progress, job.message, `Progress of job ${job.id}`) : job.progress !== undefined ? `${job.progress} %` : '—'),
      element('td', {}, formatTime(job.createdAt)),
      element('td', { className: 'mono' }, job.workflow?.clientTrackingId ?? '—'),
    ),
  );
  return element('table', {}, element('caption', {}, `${jobs.length} job${jobs.length === 1 ? '' : 's'}, newest first`), element('thead', {}, head), element('tbody', {}, ...rows));
}
