/**
 * Takes a function key given in the address fragment (`/api/console#key=…`) and removes it from
 * the address bar at once, before anything else runs. Browsers never send the fragment to the
 * server (URL standard: the fragment is not part of the request), so the key reaches no log;
 * replaceState keeps it out of the history too. The value is percent-decoded only (a `+` in a key
 * stays a `+`).
 */
export function takeFragmentKey(location: Location, history: History): string | undefined {
  const pairs = location.hash.replace(/^#/, '').split('&');
  const pair = pairs.find((p) => p.startsWith('key='));
  if (pair === undefined) return undefined;
  history.replaceState(null, '', `${location.pathname}${location.search}`);
  let key: string;
  try {
    key = decodeURIComponent(pair.slice('key='.length)).trim();
  } catch {
    return undefined;
  }
  return key === '' ? undefined : key;
}
