import type { Page, Route } from 'playwright-core';

/** Markup planted in every field that comes from outside: the console must show it as text and never run it. */
export const MARKUP = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';

/** A request the console made to the contract's routes. */
export interface SeenRequest {
  readonly method: string;
  readonly url: URL;
  readonly key: string | undefined;
  readonly body: unknown;
}

const at = (minutesAgo: number): string => new Date(Date.now() - minutesAgo * 60_000).toISOString();

/**
 * The management API (`/api/manage/*`) as its contract describes it, answered by the test (Playwright's request interception), with
 * contract-shaped data full of markup, so the console's pages are exercised against the contract
 * whether or not the app serves the routes yet. Requests without the function key get 401.
 */
export async function serveContractApi(page: Pick<Page, 'route'>, functionKey: string): Promise<SeenRequest[]> {
  const seen: SeenRequest[] = [];
  const jobs = [
    { id: '0190a1b2c3d4e5f60718293a4b5c6d7e', kind: 'bake', status: 'running', progress: 40, message: `Layer 2 of 5 ${MARKUP}`, createdAt: at(3), updatedAt: at(0), workflow: { workflowName: 'orders', workflowRunId: '08584', clientTrackingId: MARKUP } },
    { id: '0190a1b2c3d4e5f60718293a4b5c6d7f', kind: 'bake', status: 'succeeded', progress: 100, createdAt: at(20), updatedAt: at(18), completedAt: at(18), result: { flavor: MARKUP, note: '</pre><script>window.__xss=3</script>' }, workflow: { workflowName: MARKUP, operationName: 'Bake' } },
    { id: '0190a1b2c3d4e5f60718293a4b5c6d80', kind: 'reconcile', status: 'failed', createdAt: at(60), updatedAt: at(59), completedAt: at(59), error: { type: 'about:blank', status: 422, title: 'Unprocessable', detail: MARKUP } },
  ];
  const deliveries = [
    { id: 'd1', target: { kind: 'hook', topic: 'order.created', hookId: 'h2', eventId: 'e1' }, state: 'dead', createdAt: at(90), updatedAt: at(30), attempts: [{ at: at(90), status: 500, durationMs: 412, result: 'retry', errorClass: 'http5xx', response: `<html><body onload="window.__xss=4">${MARKUP}</body></html>` }, { at: at(30), status: 503, durationMs: 120, result: 'dead', errorClass: 'http5xx', response: 'Service Unavailable' }] },
    { id: 'd2', target: { kind: 'callback', jobId: jobs[1]?.id ?? '' }, state: 'delivered', createdAt: at(18), updatedAt: at(18), attempts: [{ at: at(18), status: 200, durationMs: 35, result: 'delivered' }] },
  ];
  const hooks = [
    { id: 'h1', topic: 'order.created', status: 'active', createdAt: at(600), updatedAt: at(5), callbackUrl: 'https://prod-12.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke', workflow: { workflowName: 'on-order' } },
    { id: 'h2', topic: 'order.created', status: 'disabled', createdAt: at(900), updatedAt: at(30), failingSince: at(600), disabledAt: at(30), disabledReason: `failed for 48 hours: 503 ${MARKUP}`, callbackUrl: 'https://example.org/hook/path?sig=SECRET-SIG-VALUE&sv=1.0', workflow: { workflowName: MARKUP } },
  ];

  const json = (route: Route, status: number, body: unknown, headers: Record<string, string> = {}): Promise<void> =>
    route.fulfill({ status, contentType: status >= 400 ? 'application/problem+json' : 'application/json', headers, body: JSON.stringify(body) });

  await page.route(/\/api\/(manage\/|jobs\/[0-9a-f]{32}\?token=|health$)/, async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    const body = request.postData() ? (JSON.parse(request.postData() ?? 'null') as unknown) : undefined;
    const key = (await request.allHeaders())['x-functions-key'];
    seen.push({ method: request.method(), url, key, body });
    const path = url.pathname.replace(/^\/api\//, '');
    if (path === 'health') return json(route, 200, { status: 'healthy', oldestWaitingJobSeconds: 42, deadLettersLastHour: 1, disabledHooksLastHour: 1 });
    if (path.startsWith('jobs/')) return json(route, 200, { id: '0190a1b2c3d4e5f60718293a4b5c6d99', kind: 'replay-deliveries', status: 'succeeded', progress: 100, message: 'replayed 1 of 1', createdAt: at(0), updatedAt: at(0) });
    if (key !== functionKey) return json(route, 401, { status: 401, title: 'Unauthorized', detail: 'no function key' });
    const parts = path.split('/').slice(1).map(decodeURIComponent);
    const method = request.method();
    if (parts[0] === 'jobs') {
      if (parts.length === 1) {
        const status = url.searchParams.get('status');
        const value = jobs.filter((j) => !status || j.status === status);
        return json(route, 200, { value, ...(url.searchParams.get('skiptoken') ? {} : { nextLink: `${url.origin}/api/manage/jobs?skiptoken=cGFnZTI&top=50` }) });
      }
      const job = jobs.find((j) => j.id === parts[1]);
      if (!job) return json(route, 404, { status: 404, title: 'Not Found', detail: 'no such job' });
      if (parts[2] === 'cancel' && method === 'POST') {
        job.status = 'cancelled';
        return json(route, 202, job);
      }
      return json(route, 200, job);
    }
    if (parts[0] === 'deliveries') {
      if (parts.length === 1) {
        const state = url.searchParams.get('state');
        if (!state) return json(route, 400, { status: 400, title: 'Bad Request', detail: 'state is required' });
        return json(route, 200, { value: deliveries.filter((d) => d.state === state) });
      }
      const delivery = deliveries.find((d) => d.id === parts[1]);
      if (delivery && parts[2] === 'replay' && method === 'POST') {
        delivery.state = 'pending';
        return json(route, 202, delivery);
      }
    }
    if (parts[0] === 'replays' && method === 'POST') {
      return json(route, 202, { id: '0190a1b2c3d4e5f60718293a4b5c6d99', status: 'queued' }, { location: `${url.origin}/api/jobs/0190a1b2c3d4e5f60718293a4b5c6d99?token=REPLAY-TOKEN-SECRET` });
    }
    if (parts[0] === 'hooks') {
      const hook = hooks.find((h) => h.id === parts[2]);
      if (parts.length === 2) return json(route, 200, { value: hooks.filter((h) => h.topic === parts[1]) });
      if (hook && parts[3] === 'enable' && method === 'POST') {
        hook.status = 'active';
        return json(route, 200, hook);
      }
      if (hook && method === 'DELETE') {
        hooks.splice(hooks.indexOf(hook), 1);
        return route.fulfill({ status: 204 });
      }
    }
    if (parts[0] === 'events') {
      return json(route, 200, { value: [{ id: `ev-${parts[1]}`, topic: parts[1], publishedAt: at(2), data: { note: MARKUP, html: '<svg onload="window.__xss=5"></svg>' } }] });
    }
    return json(route, 404, { status: 404, title: 'Not Found', detail: `contract stand-in has no ${method} ${path}` });
  });
  return seen;
}
