import { parseRouteTemplate, satisfiesConstraint, type RouteSegment, type RouteTemplate } from './routeTemplate';

/** An HTTP function's route as the host serves it (prefix included). */
export interface RouteDeclaration {
  readonly functionName: string;
  readonly route: string;
  readonly methods: readonly string[];
}

/** Two declarations that some request (path and method) would match both. */
export interface RouteOverlap {
  readonly first: RouteDeclaration;
  readonly second: RouteDeclaration;
  readonly methods: readonly string[];
}

function constraintsIntersect(a: RouteSegment & { kind: 'parameter' }, b: RouteSegment & { kind: 'parameter' }): boolean {
  if (a.constraint === undefined || b.constraint === undefined || a.constraint === b.constraint) return true;
  // NOTE: 32 letters a-f are both a guid ("N" format) and alpha; int is Int32, too short for a guid.
  const pair = new Set([a.constraint, b.constraint]);
  return pair.has('alpha') && pair.has('guid');
}

/** Whether one path segment could satisfy both template segments (neither is a catch-all). */
function segmentsIntersect(a: RouteSegment, b: RouteSegment): boolean {
  if (a.kind === 'literal' && b.kind === 'literal') return a.text.toLowerCase() === b.text.toLowerCase();
  if (a.kind === 'literal' && b.kind === 'parameter') return satisfiesConstraint(b.constraint, a.text);
  if (a.kind === 'parameter' && b.kind === 'literal') return satisfiesConstraint(a.constraint, b.text);
  if (a.kind === 'parameter' && b.kind === 'parameter') return constraintsIntersect(a, b);
  return true;
}

function canEndAt(segments: readonly RouteSegment[], index: number): boolean {
  return segments.slice(index).every((s) => s.kind === 'catchAll' || (s.kind === 'parameter' && s.optional));
}

function overlapFrom(a: readonly RouteSegment[], b: readonly RouteSegment[], i: number, j: number): boolean {
  const sa = a[i];
  const sb = b[j];
  // A catch-all takes whatever remains, and the other template's rest is always satisfiable.
  if (sa?.kind === 'catchAll' || sb?.kind === 'catchAll') return true;
  if (canEndAt(a, i) && canEndAt(b, j)) return true;
  if (sa === undefined || sb === undefined) return false;
  return segmentsIntersect(sa, sb) && overlapFrom(a, b, i + 1, j + 1);
}

/** Whether some request path matches both templates. */
export function templatesOverlap(a: RouteTemplate, b: RouteTemplate): boolean {
  return overlapFrom(a.segments, b.segments, 0, 0);
}

/**
 * Every pair of routes that one request could match for a method both accept.
 * NOTE: the Functions host orders such routes by function name, not specificity
 * (Azure/azure-functions-host#9876), so the stand-in refuses them instead of guessing.
 */
export function findRouteOverlaps(routes: readonly RouteDeclaration[]): RouteOverlap[] {
  const parsed = routes.map((declaration) => ({ declaration, template: parseRouteTemplate(declaration.route) }));
  const overlaps: RouteOverlap[] = [];
  parsed.forEach((first, index) => {
    for (const second of parsed.slice(index + 1)) {
      const secondMethods = new Set(second.declaration.methods.map((m) => m.toUpperCase()));
      const methods = [...new Set(first.declaration.methods.map((m) => m.toUpperCase()))].filter((m) => secondMethods.has(m));
      if (methods.length > 0 && templatesOverlap(first.template, second.template)) {
        overlaps.push({ first: first.declaration, second: second.declaration, methods });
      }
    }
  });
  return overlaps;
}

/** One line naming both functions, their routes and the shared methods. */
export function describeRouteOverlap(overlap: RouteOverlap): string {
  const { first, second, methods } = overlap;
  return (
    `Routes overlap for ${methods.join(', ')}: function "${first.functionName}" (${first.route}) and ` +
    `function "${second.functionName}" (${second.route}) can match the same request; the Functions host ` +
    'would pick one by function name (Azure/azure-functions-host#9876). Make the routes disjoint.'
  );
}
