import { z } from 'zod';
import type { FunctionRegistration } from './functionsCore';
import { describeRouteOverlap, findRouteOverlaps } from './routeOverlap';
import { findTriggerBinding } from './triggerBinding';
import { matchRouteTemplate, parseRouteTemplate, type RouteTemplate } from './routeTemplate';

const ALL_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE'];

/** An HTTP-triggered function as the router serves it. */
export interface HttpRoute {
  readonly functionName: string;
  /** The full template, route prefix included, e.g. `api/jobs/{kind}`. */
  readonly template: RouteTemplate;
  /** Upper-case methods; a trigger without `methods` accepts all. */
  readonly methods: readonly string[];
  /** Default `function` (the library itself defaults `app.http` to `anonymous`). */
  readonly authLevel: 'anonymous' | 'function' | 'admin';
  readonly registration: FunctionRegistration;
  /** The trigger binding's name, under which the request goes in as input data. */
  readonly triggerName: string;
}

/** A matched request: the route and its parameters. */
export interface RouteMatch {
  readonly route: HttpRoute;
  readonly params: Record<string, string>;
}

const httpTriggerSchema = z.object({
  route: z.string().optional().nullable(),
  methods: z.array(z.string()).optional().nullable(),
  authLevel: z.string().toLowerCase().pipe(z.enum(['anonymous', 'function', 'admin'])).optional().nullable(),
}).loose();

/**
 * The HTTP routes of the registered functions under `routePrefix`; throws when a trigger is
 * malformed or two routes overlap for a common method (naming both functions and routes).
 */
export function toHttpRoutes(registrations: readonly FunctionRegistration[], routePrefix: string): HttpRoute[] {
  const routes: HttpRoute[] = [];
  for (const registration of registrations) {
    const trigger = findTriggerBinding(registration, 'httpTrigger');
    if (!trigger) continue;
    const functionName = registration.metadata.name;
    const parsed = httpTriggerSchema.safeParse(trigger.binding);
    if (!parsed.success) throw new Error(`Function "${functionName}": invalid HTTP trigger: ${parsed.error.message}`);
    const route = (parsed.data.route ?? functionName).replace(/^\/+/, '');
    const methods = parsed.data.methods?.length ? parsed.data.methods.map((m) => m.toUpperCase()) : ALL_METHODS;
    routes.push({
      functionName,
      template: parseRouteTemplate(routePrefix ? `${routePrefix}/${route}` : route),
      methods,
      authLevel: parsed.data.authLevel ?? 'function',
      registration,
      triggerName: trigger.name,
    });
  }
  const overlaps = findRouteOverlaps(routes.map((r) => ({ functionName: r.functionName, route: r.template.text, methods: r.methods })));
  if (overlaps.length > 0) throw new Error(overlaps.map(describeRouteOverlap).join('\n'));
  return routes;
}

/** The route serving this method and path (routes never overlap, so at most one matches). */
export function findHttpRoute(routes: readonly HttpRoute[], method: string, pathname: string): RouteMatch | undefined {
  const path = pathname.split('/').filter((piece) => piece !== '');
  for (const route of routes) {
    if (!route.methods.includes(method.toUpperCase())) continue;
    const params = matchRouteTemplate(route.template, path);
    if (params) return { route, params };
  }
  return undefined;
}
