import type { ApiClient } from '../api/ApiClient';
import type { Health } from '../api/wire';
import { element } from '../dom/element';
import { formatDuration } from '../format/formatDuration';

/** The header's health line from GET /api/health (anonymous): oldest waiting job, dead letters and disabled hooks of the last hour. */
export function HealthHeader(api: ApiClient): { element: HTMLElement; refresh(): Promise<{ changed: boolean; active: boolean }> } {
  const line = element('p', { className: 'health', attrs: { 'aria-label': 'Health' } }, 'Health: …');
  let signature = '';

  async function refresh(): Promise<{ changed: boolean; active: boolean }> {
    let health: Health;
    let text: string;
    try {
      const answer = await api.get<Health>('health', {}, false);
      health = answer.body;
      text = answer.text;
    } catch (error) {
      health = { status: 'unhealthy' };
      text = String(error);
    }
    if (text === signature) return { changed: false, active: false };
    signature = text;
    const count = (n: number | undefined): string => (n === undefined ? 'n/a' : String(n));
    line.replaceChildren(
      element('span', { className: `status status-${health.status === 'healthy' ? 'succeeded' : 'failed'}` }, health.status ?? 'unknown'),
      element('span', {}, `Oldest waiting job: ${health.oldestWaitingJobSeconds === undefined ? 'n/a' : formatDuration(health.oldestWaitingJobSeconds * 1000)}`),
      element('a', { attrs: { href: '#/deliveries?state=dead' } }, `Dead letters (last hour): ${count(health.deadLettersLastHour)}`),
      element('a', { attrs: { href: '#/hooks' } }, `Disabled hooks (last hour): ${count(health.disabledHooksLastHour)}`),
    );
    return { changed: true, active: false };
  }

  return { element: line, refresh };
}
