import { ApiError } from '../api/ApiError';
import { element } from '../dom/element';

/** What a view says when its request failed; a route the app does not serve yet is named as such. */
export function Notice(error: unknown, route: string): HTMLElement {
  if (error instanceof ApiError && error.missingRoute) {
    return element('p', { className: 'notice', attrs: { role: 'status' } }, `This view needs ${route}, which this app does not serve yet.`);
  }
  const text = error instanceof Error ? error.message : String(error);
  return element('p', { className: 'notice error', attrs: { role: 'alert' } }, text);
}
