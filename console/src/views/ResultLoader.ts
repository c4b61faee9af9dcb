import { element } from '../dom/element';
import { toJsonText } from '../format/toJsonText';
import type { ViewContext } from './View';

/** How much of a large result the console shows; the rest stays on the server. */
const SHOWN_CHARACTERS = 256 * 1024;

/**
 * A result too large for the envelope: its resultUrl is a management route, so it is fetched with
 * the console's credentials on demand (a plain link would carry none) and shown as text.
 */
export function ResultLoader(context: ViewContext, resultUrl: string): HTMLElement {
  const output = element('pre', { className: 'data', attrs: { tabindex: '0', 'aria-label': 'Result' } });
  const load = element('button', { attrs: { type: 'button' } }, 'Load the result');
  output.hidden = true;
  load.addEventListener('click', () => {
    load.disabled = true;
    context.api.getUrl<unknown>(resultUrl, true).then(
      (answer) => {
        const text = typeof answer.body === 'string' ? answer.body : toJsonText(answer.body);
        output.textContent = text.length > SHOWN_CHARACTERS ? `${text.slice(0, SHOWN_CHARACTERS)}\n… (${text.length - SHOWN_CHARACTERS} more characters)` : text;
        output.hidden = false;
        load.hidden = true;
      },
      (error: unknown) => {
        load.disabled = false;
        context.announce(`The result did not load: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
  });
  return element('div', {}, load, output);
}
