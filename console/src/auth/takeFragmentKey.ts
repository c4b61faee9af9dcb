/**
 * Takes a function key given in the address fragment (`/api/console#key=…`) and removes it from
 * the address bar at once, before anything else runs. Browsers never send the fragment to the
 * server (RFC 9110 §7.1 / URL standard), so the key reaches no log; replaceState keeps it out of
 * the history too.
 */
export function takeFragmentKey(location: Location, history: History): string | undefined {
  const fragment = location.hash.replace(/^#/, '');
  if (!/(^|&)key=/.test(fragment)) return undefined;
  const params = new URLSearchParams(fragment);
  const key = params.get('key') ?? '';
  history.replaceState(null, '', `${location.pathname}${location.search}`);
  return key.trim() === '' ? undefined : key.trim();
}
