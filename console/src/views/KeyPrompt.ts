import { element } from '../dom/element';
import { Field, Input } from './Field';

/** Key mode, no key yet: asks for the function key once (kept in sessionStorage by the caller). */
export function KeyPrompt(reason: string, onKey: (key: string) => void): HTMLElement {
  const key = Input('function-key', 'password');
  key.autocomplete = 'off';
  key.required = true;
  const form = element('form', { attrs: { 'aria-labelledby': 'key-title' } }, element('h1', { id: 'key-title' }, 'Function key'), element('p', {}, 'The console reads the management API with a function key of this app. It stays in this tab (sessionStorage) and goes out only in the x-functions-key header.'), reason ? element('p', { className: 'notice error', attrs: { role: 'alert' } }, reason) : null, Field('Function key', key), element('button', { attrs: { type: 'submit' } }, 'Open the console'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (key.value.trim()) onKey(key.value.trim());
  });
  return form;
}
