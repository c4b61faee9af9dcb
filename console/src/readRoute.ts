/** Where the console is, from the address fragment: `#/jobs`, `#/jobs/<id>`, `#/deliveries?state=dead`, `#/hooks`, `#/events`. */
export type Route =
  | { readonly page: 'jobs' }
  | { readonly page: 'job'; readonly id: string }
  | { readonly page: 'deliveries'; readonly state: string }
  | { readonly page: 'hooks' }
  | { readonly page: 'events' };

export function readRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const parts = path.split('/').filter(Boolean).map((p) => decodeURIComponent(p));
  switch (parts[0]) {
    case 'jobs':
      return parts[1] ? { page: 'job', id: parts[1] } : { page: 'jobs' };
    case 'deliveries':
      return { page: 'deliveries', state: new URLSearchParams(query).get('state') ?? '' };
    case 'hooks':
      return { page: 'hooks' };
    case 'events':
      return { page: 'events' };
    default:
      return { page: 'jobs' };
  }
}
