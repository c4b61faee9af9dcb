import { element, type Child } from '../dom/element';

/** Term/value pairs as a <dl>; values are text or nodes built from text. Absent values are skipped. */
export function DefinitionList(entries: readonly (readonly [string, Child])[]): HTMLDListElement {
  return element('dl', { className: 'facts' }, ...entries.filter(([, value]) => value !== undefined && value !== null && value !== '').flatMap(([term, value]) => [element('dt', {}, term), element('dd', {}, value)]));
}
