import type { ApiClient } from './api/ApiClient';
import { element } from './dom/element';
import { Poller } from './live/Poller';
import { readRoute, type Route } from './readRoute';
import { DeliveriesPage } from './views/DeliveriesPage';
import { EventsPage } from './views/EventsPage';
import { HealthHeader } from './views/HealthHeader';
import { HooksPage } from './views/HooksPage';
import { JobPage } from './views/JobPage';
import { JobsPage } from './views/JobsPage';
import type { View, ViewContext } from './views/View';

// How often the console asks while open and visible. A view starts at 3 s and doubles while
// nothing changes, up to 60 s (10 s while a job it shows is still moving); the health line starts
// at 15 s, up to 60 s. An idle console therefore settles at 2 requests a minute (one per topic
// more on the Events page), and makes none while its tab is hidden.
export const VIEW_POLL = { minMs: 3_000, maxMs: 60_000, activeMaxMs: 10_000 };
export const HEALTH_POLL = { minMs: 15_000, maxMs: 60_000 };

const PAGES: readonly (readonly [Route['page'], string, string])[] = [
  ['jobs', 'Jobs', '#/jobs'],
  ['deliveries', 'Deliveries', '#/deliveries'],
  ['hooks', 'Hooks', '#/hooks'],
  ['events', 'Events', '#/events'],
];

/** The signed-in console: header with health, navigation, the visible view kept live, and the status line. */
export class Shell {
  private readonly main = element('main', { id: 'main', attrs: { tabindex: '-1' } });
  private readonly status = element('p', { className: 'announcer', attrs: { role: 'status', 'aria-live': 'polite' } });
  private readonly nav = element('nav', { attrs: { 'aria-label': 'Console pages' } }, element('ul', {}, ...PAGES.map(([page, label, href]) => element('li', {}, element('a', { attrs: { href, 'data-page': page } }, label)))));
  private readonly health: ReturnType<typeof HealthHeader>;
  private readonly healthPoller: Poller;
  private viewPoller: Poller | undefined;
  private view: View | undefined;
  private readonly listeners: [EventTarget, string, () => void][] = [];

  constructor(
    private readonly api: ApiClient,
    private readonly names: { readonly kinds: readonly string[]; readonly topics: readonly string[] },
  ) {
    this.health = HealthHeader(api);
    this.healthPoller = new Poller({ run: () => this.health.refresh(), ...HEALTH_POLL });
  }

  mount(body: HTMLElement): void {
    const header = element('header', {}, element('p', { className: 'brand' }, 'Longrun console'), this.nav, this.health.element);
    body.replaceChildren(header, this.status, this.main);
    this.listen(window, 'hashchange', () => this.show(true));
    this.listen(document, 'visibilitychange', () => this.onVisibility());
    this.show(false);
    this.healthPoller.kick();
  }

  unmount(): void {
    this.viewPoller?.stop();
    this.healthPoller.stop();
    for (const [target, type, listener] of this.listeners) target.removeEventListener(type, listener);
    this.listeners.length = 0;
  }

  private listen(target: EventTarget, type: string, listener: () => void): void {
    target.addEventListener(type, listener);
    this.listeners.push([target, type, listener]);
  }

  private onVisibility(): void {
    if (document.visibilityState === 'hidden') {
      this.viewPoller?.stop();
      this.healthPoller.stop();
      return;
    }
    this.viewPoller?.kick();
    this.healthPoller.kick();
  }

  private show(focus: boolean): void {
    this.viewPoller?.stop();
    const route = readRoute(location.hash);
    const context: ViewContext = { api: this.api, ...this.names, kick: () => this.viewPoller?.kick(), announce: (text) => (this.status.textContent = text) };
    this.status.textContent = '';
    this.view = toView(route, context);
    const active = route.page === 'job' ? 'jobs' : route.page;
    for (const link of this.nav.querySelectorAll('a')) {
      if (link.dataset.page === active) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    document.title = `${this.view.title} — Longrun console`;
    this.main.replaceChildren(this.view.element);
    if (focus) this.main.focus();
    const view = this.view;
    this.viewPoller = new Poller({ run: () => view.refresh(), ...VIEW_POLL });
    if (document.visibilityState !== 'hidden') this.viewPoller.kick();
  }
}

function toView(route: Route, context: ViewContext): View {
  switch (route.page) {
    case 'jobs':
      return JobsPage(context);
    case 'job':
      return JobPage(context, route.id);
    case 'deliveries':
      return DeliveriesPage(context, route.state);
    case 'hooks':
      return HooksPage(context);
    case 'events':
      return EventsPage(context);
  }
}
