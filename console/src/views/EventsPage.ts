import type { EventItem, ListPage } from '../api/wire';
import { element } from '../dom/element';
import { formatTime } from '../format/formatTime';
import { toJsonText } from '../format/toJsonText';
import { Notice } from './Notice';
import type { View, ViewContext } from './View';

/** The latest event of each topic (one request per topic and refresh), its body shown as text. */
export function EventsPage(context: ViewContext): View {
  const result = element('div', { className: 'result' });
  const root = element('section', { attrs: { 'aria-labelledby': 'events-title' } }, element('h1', { id: 'events-title' }, 'Events'), result);
  let signature = '';

  async function refresh(): Promise<{ changed: boolean; active: boolean }> {
    const answers = await Promise.all(
      context.topics.map((topic) =>
        context.api.get<ListPage<EventItem>>(`manage/events/${encodeURIComponent(topic)}`, { top: '1' }).then(
          (answer) => ({ topic, answer, error: undefined }),
          (error: unknown) => ({ topic, answer: undefined, error }),
        ),
      ),
    );
    const text = answers.map((a) => `${a.topic}:${a.answer?.text ?? String(a.error)}`).join('\n');
    if (text === signature) return { changed: false, active: false };
    signature = text;
    result.replaceChildren(
      ...answers.map(({ topic, answer, error }) => {
        const latest = answer?.body.value[0];
        const content = error !== undefined ? Notice(error, 'GET /api/manage/events/{topic}') : latest ? EventCard(latest) : element('p', { className: 'empty' }, 'No event yet.');
        return element('section', { className: 'card', attrs: { 'aria-label': `Topic ${topic}` } }, element('h2', {}, topic), content);
      }),
    );
    return { changed: true, active: false };
  }

  return { title: 'Events', element: root, refresh };
}

function EventCard(event: EventItem): HTMLElement {
  return element('div', {}, element('p', {}, element('span', { className: 'mono' }, event.id), ` published ${formatTime(event.publishedAt)}`), element('pre', { className: 'data', attrs: { tabindex: '0', 'aria-label': `Data of event ${event.id}` } }, toJsonText(event.data)));
}
