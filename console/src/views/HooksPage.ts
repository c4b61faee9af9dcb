import type { HookItem, ListPage } from '../api/wire';
import { element } from '../dom/element';
import { formatTime } from '../format/formatTime';
import { toDisplayUrl } from '../format/toDisplayUrl';
import { Field, Select } from './Field';
import { Notice } from './Notice';
import type { View, ViewContext } from './View';

/** Webhook-trigger subscriptions of one topic: health, why disabled, re-enable, remove (asked twice). */
export function HooksPage(context: ViewContext): View {
  const topic = Select('hook-topic', context.topics, 'choose a topic', context.topics[0] ?? '');
  const form = element('form', { className: 'filters', attrs: { 'aria-label': 'Hook topic' } }, Field('Topic', topic), element('button', { attrs: { type: 'submit' } }, 'Show'));
  const result = element('div', { className: 'result' });
  const root = element('section', { attrs: { 'aria-labelledby': 'hooks-title' } }, element('h1', { id: 'hooks-title' }, 'Hooks'), form, result);
  let signature = '';

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    context.kick();
  });

  const act = (label: string, work: Promise<unknown>): void => {
    work.then(
      () => {
        context.announce(`${label}: done.`);
        context.kick();
      },
      (error: unknown) => context.announce(`${label} failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  };

  const Row = (hook: HookItem): HTMLTableRowElement => {
    const base = `manage/hooks/${encodeURIComponent(hook.topic)}/${encodeURIComponent(hook.id)}`;
    const enable = element('button', { attrs: { type: 'button', 'aria-label': `Enable hook ${hook.id}` } }, 'Enable');
    enable.addEventListener('click', () => act(`Enable ${hook.id}`, context.api.post(`${base}/enable`)));
    const remove = element('button', { attrs: { type: 'button', 'aria-label': `Remove hook ${hook.id}` } }, 'Remove');
    let armed = false;
    remove.addEventListener('click', () => {
      if (!armed) {
        armed = true;
        remove.textContent = 'Confirm remove';
        return;
      }
      remove.disabled = true;
      act(`Remove ${hook.id}`, context.api.delete(base));
    });
    const health = hook.status === 'disabled' ? `disabled ${formatTime(hook.disabledAt)}: ${hook.disabledReason ?? 'no reason recorded'}` : hook.failingSince ? `failing since ${formatTime(hook.failingSince)}` : 'healthy';
    return element(
      'tr',
      {},
      element('td', { className: 'mono' }, hook.id),
      element('td', {}, element('span', { className: `status status-${hook.status}` }, hook.status)),
      element('td', {}, health),
      element('td', { className: 'mono' }, toDisplayUrl(hook.callbackUrl)),
      element('td', {}, hook.workflow?.workflowName ?? hook.workflow?.workflowId ?? '—'),
      element('td', {}, formatTime(hook.createdAt)),
      element('td', { className: 'actions' }, hook.status === 'disabled' ? enable : null, remove),
    );
  };

  async function refresh(): Promise<{ changed: boolean; active: boolean }> {
    if (!topic.value) {
      result.replaceChildren(element('p', { className: 'empty' }, 'Choose a topic.'));
      return { changed: false, active: false };
    }
    let answer;
    try {
      answer = await context.api.get<ListPage<HookItem>>(`manage/hooks/${encodeURIComponent(topic.value)}`);
    } catch (error) {
      const text = `error:${String(error)}`;
      const changed = text !== signature;
      if (changed) result.replaceChildren(Notice(error, 'GET /api/manage/hooks/{topic}'));
      signature = text;
      return { changed, active: false };
    }
    if (answer.text === signature) return { changed: false, active: false };
    signature = answer.text;
    const hooks = answer.body.value;
    const head = element('tr', {}, ...['Hook', 'Status', 'Health', 'Callback (no query)', 'Workflow', 'Created', 'Actions'].map((h) => element('th', { attrs: { scope: 'col' } }, h)));
    result.replaceChildren(hooks.length === 0 ? element('p', { className: 'empty' }, 'No subscription on this topic.') : element('table', {}, element('caption', {}, `Subscriptions of ${topic.value}`), element('thead', {}, head), element('tbody', {}, ...hooks.map(Row))));
    return { changed: true, active: false };
  }

  return { title: 'Hooks', element: root, refresh };
}
