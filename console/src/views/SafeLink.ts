import { element } from '../dom/element';

/**
 * A link to a URL from the API, only when it is http(s) on the console's own origin (never
 * `javascript:` or another site), opened without a referrer; otherwise the text alone.
 */
export function SafeLink(raw: string, text: string): HTMLElement {
  let url: URL;
  try {
    url = new URL(raw, location.href);
  } catch {
    return element('span', {}, text);
  }
  if (url.origin !== location.origin || (url.protocol !== 'https:' && url.protocol !== 'http:')) return element('span', {}, text);
  return element('a', { attrs: { href: url.href, rel: 'noreferrer noopener', target: '_blank' } }, text);
}
