import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpRequest, InvocationContext } from '@azure/functions';
import { getLongrun } from '../../../shared/app/getLongrun';
import { newDelivery, type Delivery } from '../../../shared/model/Delivery';
import { listDeliveriesHandler } from '../../../functions/listDeliveries';
import { getDeliveryHandler } from '../../../functions/getDelivery';
import { useCountedStorage } from '../../support/useCountedStorage';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-03-10T10:00:00.000Z');
const hook = (n: number) => ({ kind: 'hook', topic: 'order.created', hookId: `u${n % 3}`, eventId: `e${n}` }) as const;

function list(query: string): Promise<{ status: number; body: { value: { id: string; state: string; attempts: unknown[] }[]; nextLink?: string; detail?: string } }> {
  const request = new HttpRequest({ method: 'GET', url: `http://localhost/api/manage/deliveries?${query}` });
  return listDeliveriesHandler(request).then((r) => ({ status: r.status ?? 200, body: r.jsonBody as never }));
}

describe('the delivery log and the list of deliveries by state and time (in process, real Azurite)', () => {
  const storage = useCountedStorage();

  test('a time range of one state reads one query of its hour partitions, newest first, and the rows outside it are not returned', async () => {
    const { deliveryLog } = await getLongrun();
    // Six deaths 20 minutes apart over two hours, and a gone one in the middle that a dead query must not see.
    for (let n = 0; n < 6; n++) await deliveryLog.record('dead', `d${n}`, hook(n), T0 + n * 20 * 60_000);
    await deliveryLog.record('gone', 'g0', hook(9), T0 + 30 * 60_000);
    storage.counter.reset();
    const page = await deliveryLog.page({ state: 'dead', from: T0 + 20 * 60_000, to: T0 + 80 * 60_000 }, 100);
    assert.deepEqual(page.entries.map((e) => e.deliveryId), ['d3', 'd2', 'd1']);
    assert.equal(page.continuation, undefined);
    assert.equal(storage.counter.calls.length, 1, 'one table query');
    assert.equal(await deliveryLog.count('dead', T0, T0 + 2 * HOUR, 1000), 6);
    assert.equal(await deliveryLog.count('dead', T0, T0 + 2 * HOUR, 4), 4, 'counting stops at the limit');
  });

  test('filters by hook (URL key), and pages with a continuation', async () => {
    const { deliveryLog } = await getLongrun();
    const byHook = await deliveryLog.page({ state: 'dead', from: T0, to: T0 + 2 * HOUR, hookId: 'u1' }, 100);
    assert.deepEqual(byHook.entries.map((e) => e.deliveryId), ['d4', 'd1']);
    const first = await deliveryLog.page({ state: 'dead', from: T0, to: T0 + 2 * HOUR }, 2);
    assert.equal(first.entries.length, 2);
    assert.ok(first.continuation);
    const second = await deliveryLog.page({ state: 'dead', from: T0, to: T0 + 2 * HOUR }, 100, first.continuation);
    assert.deepEqual([...first.entries, ...second.entries].map((e) => e.deliveryId), ['d5', 'd4', 'd3', 'd2', 'd1', 'd0']);
  });

  test('purgeBefore removes whole hours before the cutoff and keeps the rest', async () => {
    const { deliveryLog } = await getLongrun();
    await deliveryLog.record('succeeded', 'old', hook(1), T0 - 48 * HOUR);
    await deliveryLog.record('succeeded', 'new', hook(1), T0);
    assert.equal(await deliveryLog.purgeBefore(T0 - 24 * HOUR), 1);
    assert.equal(await deliveryLog.count('succeeded', T0 - 72 * HOUR, T0 + HOUR, 100), 1);
  });

  test('GET /api/manage/deliveries lists only deliveries still in the state, with their attempts, and a nextLink without a function key', async () => {
    const longrun = await getLongrun();
    const { store } = longrun.deliveries;
    const at = (ms: number) => new Date(ms).toISOString();
    const dead = (id: string, ms: number): Delivery => ({
      ...newDelivery(id, { kind: 'callback', jobId: id.slice(3) }, new Date(ms)),
      status: 'dead',
      attempts: [{ at: at(ms), result: 'failureStatus', status: 503, durationMs: 12, errorClass: 'http-5xx', response: 'busy' }],
      attemptCount: 1,
    });
    const base = Date.now() - 10 * 60_000;
    for (let n = 0; n < 3; n++) {
      const delivery = dead(`cb_${String(n).padStart(32, 'a')}`, base + n * 1000);
      await store.insert(delivery);
      await longrun.deliveryLog.record('dead', delivery.id, delivery.target, base + n * 1000);
    }
    // The newest was replayed and delivered since: its dead row stays in the log, the list leaves it out.
    const replayed = await store.get(`cb_${'2'.padStart(32, 'a')}`);
    await store.replace({ ...(replayed?.delivery as Delivery), status: 'succeeded' }, replayed?.etag ?? '');
    const all = await list('state=dead&code=secret-function-key');
    assert.equal(all.status, 200);
    assert.deepEqual(all.body.value.map((d) => d.id), [`cb_${'1'.padStart(32, 'a')}`, `cb_${'0'.padStart(32, 'a')}`]);
    assert.deepEqual(all.body.value[0]?.attempts, [{ at: at(base + 1000), result: 'failureStatus', status: 503, durationMs: 12, errorClass: 'http-5xx', response: 'busy' }]);
    const paged = await list('state=dead&top=1&code=secret-function-key');
    assert.ok(paged.body.nextLink);
    assert.doesNotMatch(paged.body.nextLink, /code=|secret-function-key/);
    const next = new URL(paged.body.nextLink);
    assert.equal(next.pathname, '/api/manage/deliveries');
    const rest = await list(next.search.slice(1));
    assert.equal(rest.status, 200);
    const one = await getDeliveryHandler(new HttpRequest({ method: 'GET', url: 'http://localhost/x', params: { id: `cb_${'0'.padStart(32, 'a')}` } }));
    assert.equal((one.jsonBody as { state: string }).state, 'dead');
  });

  for (const [query, path] of [
    ['', 'state'],
    ['state=lost', 'state'],
    ['state=dead&from=yesterday', 'from'],
    ['state=dead&from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z', 'from'],
    ['state=dead&from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z', 'to'],
    ['state=dead&top=0', 'top'],
    ['state=dead&top=1001', 'top'],
    ['state=dead&skiptoken=not!base64', 'skiptoken'],
    ['state=dead&skiptoken=e30', 'skiptoken'],
    ['state=dead&topic=a%27%20or%20true', 'topic'],
  ] as const) {
    test(`a bad query (${query || 'no state'}) is a 400 problem naming ${path}, and reads nothing`, async () => {
      storage.counter.reset();
      const request = new HttpRequest({ method: 'GET', url: `http://localhost/api/manage/deliveries?${query}` });
      const { withProblems } = await import('../../../shared/http/withProblems');
      const response = await withProblems(listDeliveriesHandler)(request, new InvocationContext());
      assert.equal(response.status, 400);
      assert.equal((response.headers as Record<string, string>)['Content-Type'], 'application/problem+json');
      const body = response.jsonBody as { errors: { path: string }[] };
      assert.ok(body.errors.some((e) => e.path === path), JSON.stringify(body.errors));
      assert.equal(storage.counter.calls.length, 0);
    });
  }
});
