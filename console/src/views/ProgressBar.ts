import { element } from '../dom/element';

/** A job's progress as a <progress> with its label, and the last checkpoint's message beside it. */
export function ProgressBar(progress: number | undefined, message: string | undefined, label: string): HTMLElement {
  const value = Math.max(0, Math.min(100, Number.isFinite(progress) ? Number(progress) : 0));
  const bar = element('progress', { attrs: { max: '100', value: String(value), 'aria-label': label } });
  return element('span', { className: 'progress' }, bar, element('span', { className: 'progress-value' }, `${Math.round(value)} %`), message ? element('span', { className: 'progress-message' }, message) : null);
}
