import type { DeliveryItem, ListPage } from '../api/wire';
import { element } from '../dom/element';
import { formatTime } from '../format/formatTime';
import { AttemptsTable } from './AttemptsTable';
import { Field, Select } from './Field';
import { Notice } from './Notice';
import { ReplayRangeForm } from './ReplayRangeForm';
import type { View, ViewContext } from './View';

// The list names one state (the API requires it); dead letters first.
const STATES = ['dead', 'pending', 'delivered', 'gone', 'refused'];

/** Deliveries by state, each with its attempts; replay one; replay a time range with its progress. */
export function DeliveriesPage(context: ViewContext, initialState = ''): View {
  const state = Select('delivery-state', STATES, undefined, STATES.includes(initialState) ? initialState : 'dead');
  const form = element('form', { className: 'filters', attrs: { 'aria-label': 'Delivery filters' } }, Field('State', state), element('button', { attrs: { type: 'submit' } }, 'Apply'));
  const result = element('div', { className: 'result' });
  const replays = ReplayRangeForm(context);
  const root = element('section', { attrs: { 'aria-labelledby': 'deliveries-title' } }, element('h1', { id: 'deliveries-title' }, 'Deliveries'), form, result, replays.element);
  // Which deliveries the operator opened: kept across refreshes that rebuild the list.
  const open = new Set<string>();
  let signature = '';

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    signature = '';
    context.kick();
  });

  const replay = (item: DeliveryItem, button: HTMLButtonElement): void => {
    button.disabled = true;
    context.api.post(`manage/deliveries/${encodeURIComponent(item.id)}/replay`).then(
      () => {
        context.announce(`Delivery ${item.id} replayed.`);
        context.kick();
      },
      (error: unknown) => {
        button.disabled = false;
        context.announce(`Replay of ${item.id} failed: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
  };

  async function refresh(): Promise<{ changed: boolean; active: boolean }> {
    const replaying = await replays.refresh();
    let answer;
    try {
      answer = await context.api.get<ListPage<DeliveryItem>>('manage/deliveries', { state: state.value, top: '50' });
    } catch (error) {
      const text = `error:${String(error)}`;
      const changed = text !== signature;
      if (changed) result.replaceChildren(Notice(error, 'GET /api/manage/deliveries'));
      signature = text;
      return { changed: changed || replaying, active: replaying };
    }
    const items = answer.body.value;
    const active = replaying || items.some((d) => d.state === 'pending');
    if (answer.text === signature) return { changed: replaying, active };
    signature = answer.text;
    result.replaceChildren(items.length === 0 ? element('p', { className: 'empty' }, 'No delivery in this state.') : element('ul', { className: 'cards', attrs: { 'aria-label': 'Deliveries, newest first' } }, ...items.map((item) => DeliveryCard(item, open, replay))));
    return { changed: true, active };
  }

  return { title: 'Deliveries', element: root, refresh };
}

function describeTarget(item: DeliveryItem): string {
  const target = item.target;
  return target.kind === 'callback' ? `callback of job ${target.jobId}` : `hook ${target.hookId} of ${target.topic}, event ${target.eventId}`;
}

function DeliveryCard(item: DeliveryItem, open: Set<string>, replay: (item: DeliveryItem, button: HTMLButtonElement) => void): HTMLLIElement {
  const attempts = item.attempts ?? [];
  const count = item.attemptCount ?? attempts.length;
  const summary = element('summary', {}, element('span', { className: `status status-${item.state}` }, item.state), ' ', element('span', { className: 'mono' }, item.id), ` — ${describeTarget(item)} — ${count} attempt${count === 1 ? '' : 's'}, updated ${formatTime(item.updatedAt)}`);
  const details = element('details', {}, summary, AttemptsTable(attempts), element('p', {}, `Created ${formatTime(item.createdAt)}`, item.nextAttemptAt ? `; next attempt ${formatTime(item.nextAttemptAt)}` : ''));
  details.open = open.has(item.id);
  details.addEventListener('toggle', () => (details.open ? open.add(item.id) : open.delete(item.id)));
  const button = element('button', { attrs: { type: 'button', 'aria-label': `Replay delivery ${item.id}` } }, 'Replay');
  button.addEventListener('click', () => replay(item, button));
  return element('li', { className: 'card', attrs: { 'data-delivery': item.id } }, details, item.state === 'dead' ? button : null);
}
