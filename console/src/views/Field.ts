import { element } from '../dom/element';

/** A labelled form control: the label's `for` names the control, so every input has an accessible name. */
export function Field(label: string, control: HTMLInputElement | HTMLSelectElement): HTMLElement {
  return element('div', { className: 'field' }, element('label', { attrs: { for: control.id } }, label), control);
}

/** A <select> of the given values, led by an option meaning "any" when `anyLabel` is given. */
export function Select(id: string, values: readonly string[], anyLabel: string | undefined, selected = ''): HTMLSelectElement {
  const any = anyLabel === undefined ? null : element('option', { attrs: { value: '' } }, anyLabel);
  const select = element('select', { id, attrs: { name: id } }, any, ...values.map((v) => element('option', { attrs: { value: v } }, v)));
  select.value = selected;
  return select;
}

/** An <input> with an id and a name. */
export function Input(id: string, type: string, value = ''): HTMLInputElement {
  const input = element('input', { id, attrs: { name: id, type } });
  input.value = value;
  return input;
}
