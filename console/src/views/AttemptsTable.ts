import type { Attempt } from '../api/wire';
import { element } from '../dom/element';
import { formatDuration } from '../format/formatDuration';
import { formatTime } from '../format/formatTime';

/** A delivery's attempts: time, the receiver's status, duration, result, error class and the start of its answer (as text). */
export function AttemptsTable(attempts: readonly Attempt[]): HTMLElement {
  if (attempts.length === 0) return element('p', { className: 'empty' }, 'No attempt yet.');
  const head = element('tr', {}, ...['Time', 'Receiver status', 'Duration', 'Result', 'Error class', 'Receiver answer (start)'].map((h) => element('th', { attrs: { scope: 'col' } }, h)));
  const rows = attempts.map((a) =>
    element(
      'tr',
      {},
      element('td', {}, formatTime(a.at)),
      element('td', {}, a.status !== undefined ? String(a.status) : '—'),
      element('td', {}, formatDuration(a.durationMs)),
      element('td', {}, a.result),
      element('td', {}, a.errorClass ?? '—'),
      element('td', {}, a.response ? element('pre', { className: 'data small' }, a.response.slice(0, 1024)) : '—'),
    ),
  );
  return element('table', {}, element('caption', {}, 'Attempts'), element('thead', {}, head), element('tbody', {}, ...rows));
}
