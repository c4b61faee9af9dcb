/** Constraints the stand-in understands; any other constraint is treated as no constraint. */
export type RouteConstraint = 'int' | 'guid' | 'alpha';

/** One `/`-separated piece of a route template. */
export type RouteSegment =
  | { readonly kind: 'literal'; readonly text: string }
  | {
      readonly kind: 'parameter';
      readonly name: string;
      readonly constraint: RouteConstraint | undefined;
      /** `{name?}` or `{name=default}`: may be missing at the end of the path. */
      readonly optional: boolean;
      readonly defaultValue: string | undefined;
    }
  | { readonly kind: 'catchAll'; readonly name: string };

/** A parsed ASP.NET-style route template such as `jobs/{id:guid}` or `files/{*path}`. */
export interface RouteTemplate {
  readonly text: string;
  readonly segments: readonly RouteSegment[];
}

const KNOWN_CONSTRAINTS: readonly RouteConstraint[] = ['int', 'guid', 'alpha'];
const GUID_FORMS = [
  /^[0-9a-f]{32}$/i,
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  /^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/i,
  /^\([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\)$/i,
];

/** Whether a (decoded) path segment satisfies a constraint, as ASP.NET Core's route constraints do. */
export function satisfiesConstraint(constraint: RouteConstraint | undefined, value: string): boolean {
  switch (constraint) {
    case undefined:
      return value.length > 0;
    case 'int': {
      // NOTE: IntRouteConstraint is int.TryParse: an optional sign, digits, within Int32.
      if (!/^[+-]?\d+$/.test(value)) return false;
      const n = Number(value);
      return n >= -2147483648 && n <= 2147483647;
    }
    case 'guid':
      return GUID_FORMS.some((form) => form.test(value));
    case 'alpha':
      return /^[a-z]+$/i.test(value);
  }
}

function toSegment(raw: string, template: string): RouteSegment {
  if (!raw.includes('{') && !raw.includes('}')) return { kind: 'literal', text: raw };
  if (!raw.startsWith('{') || !raw.endsWith('}') || raw.indexOf('{', 1) !== -1) {
    throw new Error(`Route "${template}": segment "${raw}" mixes text and parameters, which the stand-in host does not support`);
  }
  let inner = raw.slice(1, -1);
  if (inner.startsWith('*')) return { kind: 'catchAll', name: inner.replace(/^\*+/, '').split(/[:=?]/)[0] ?? '' };
  const optional = inner.endsWith('?');
  if (optional) inner = inner.slice(0, -1);
  const [head = '', ...constraints] = inner.split(':');
  const [name = '', defaultValue] = head.split('=');
  if (!/^\w+$/.test(name)) throw new Error(`Route "${template}": "${raw}" has no valid parameter name`);
  const constraint = KNOWN_CONSTRAINTS.find((known) => constraints.some((c) => c.toLowerCase() === known));
  return { kind: 'parameter', name, constraint, optional: optional || defaultValue !== undefined, defaultValue };
}

/** Parses a route template; throws on forms the stand-in does not route (complex segments, misplaced `{*x}`). */
export function parseRouteTemplate(template: string): RouteTemplate {
  const text = template.replace(/^\/+|\/+$/g, '');
  const segments = text === '' ? [] : text.split('/').map((raw) => toSegment(raw, template));
  segments.forEach((segment, index) => {
    const rest = segments.slice(index + 1);
    if (segment.kind === 'catchAll' && rest.length > 0) {
      throw new Error(`Route "${template}": a catch-all parameter must be the last segment`);
    }
    if (segment.kind === 'parameter' && segment.optional && rest.some((s) => s.kind === 'literal' || (s.kind === 'parameter' && !s.optional))) {
      throw new Error(`Route "${template}": an optional parameter may only be followed by optional ones`);
    }
  });
  return { text, segments };
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Matches a request path (already split on `/`, empty pieces removed, prefix included) against a
 * template: literals compare case-insensitively; returns the route parameters, or undefined.
 */
export function matchRouteTemplate(template: RouteTemplate, path: readonly string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (const [index, segment] of template.segments.entries()) {
    if (segment.kind === 'catchAll') {
      params[segment.name] = path.slice(index).map(decode).join('/');
      return params;
    }
    const piece = path[index];
    if (piece === undefined) {
      if (segment.kind === 'parameter' && segment.optional) {
        if (segment.defaultValue !== undefined) params[segment.name] = segment.defaultValue;
        continue;
      }
      return undefined;
    }
    const value = decode(piece);
    if (segment.kind === 'literal') {
      if (value.toLowerCase() !== segment.text.toLowerCase()) return undefined;
    } else {
      if (!satisfiesConstraint(segment.constraint, value)) return undefined;
      params[segment.name] = value;
    }
  }
  return path.length > template.segments.length ? undefined : params;
}
