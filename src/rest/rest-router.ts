import { restViolation, type RestViolation } from './rest-errors';
import { INDKALDELSE_ROUTES, type RestMethod, type RestRoute } from './indkaldelse.routes';

export type RouteMatch =
  | { readonly ok: true; readonly route: RestRoute; readonly params: Readonly<Record<string, string>> }
  | {
      readonly ok: false;
      readonly violation: RestViolation;
      /** The methods the path does have, for a 405's Allow header; empty for a 404. */
      readonly allow: readonly string[];
    };

type Segment = { readonly literal: string } | { readonly param: string };

/** A path of the table with the routes on it; its template split once, not per request. */
interface PathEntry {
  readonly segments: readonly Segment[];
  readonly literal: boolean;
  readonly routes: readonly RestRoute[];
}

const compiled = new WeakMap<readonly RestRoute[], readonly PathEntry[]>();

/** The table's paths, literal ones first (OpenAPI's matching rule), each with its routes. */
const pathsOf = (routes: readonly RestRoute[]): readonly PathEntry[] => {
  const known = compiled.get(routes);
  if (known) return known;
  const byPath = new Map<string, RestRoute[]>();
  for (const route of routes) byPath.set(route.path, [...(byPath.get(route.path) ?? []), route]);
  const entries = [...byPath].map(([template, onPath]) => ({
    segments: template
      .split('/')
      .slice(1)
      .map((s): Segment => (s.startsWith('{') ? { param: s.slice(1, -1) } : { literal: s.toLowerCase() })),
    literal: !template.includes('{'),
    routes: onPath,
  }));
  entries.sort((a, b) => Number(b.literal) - Number(a.literal));
  compiled.set(routes, entries);
  return entries;
};

const decoded = (segment: string): string | null => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
};

/**
 * The path parameters of `path` if it fits the template, else null. Literal segments are compared
 * without regard to case, as ASP.NET Core (STAR's stack) and express do; a parameter fits only when
 * it passes its schema (the routes of one path share it), so "historik" or "openapi.json" is never
 * taken for an id.
 */
const paramsIfFits = (entry: PathEntry, path: readonly string[]): Record<string, string> | null => {
  if (entry.segments.length !== path.length) return null;
  const params: Record<string, string> = {};
  for (const [i, segment] of entry.segments.entries()) {
    const actual = decoded(path[i] ?? '');
    if (actual === null) return null;
    if ('literal' in segment) {
      if (actual.toLowerCase() !== segment.literal) return null;
    } else params[segment.param] = actual;
  }
  const schema = entry.routes[0]?.params;
  return !schema || schema.safeParse(params).success ? params : null;
};

/**
 * REQ-ROUTE (RULES.md step 2): the route of a request, or why there is none. An unknown path, or a
 * path id that is not a UUID, is 404; a known path with another method is 405 (REST.md §5, §9). A
 * literal path wins over a template (OpenAPI's matching rule): GET /v2/Indkaldelse/historik is the
 * citizen-wide history, not a meeting.
 */
export const matchRestRoute = (
  method: string,
  path: string,
  routes: readonly RestRoute[] = INDKALDELSE_ROUTES,
): RouteMatch => {
  const segments = path.split('/').slice(1);
  const fitting = pathsOf(routes).flatMap((entry) => {
    const params = paramsIfFits(entry, segments);
    return params ? entry.routes.map((route) => ({ route, params })) : [];
  });
  const wanted = method.toLowerCase() as RestMethod;
  const found = fitting.find((m) => m.route.method === wanted);
  if (found) return { ok: true, ...found };
  if (fitting.length === 0) {
    return {
      ok: false,
      violation: restViolation(
        'REQ-ROUTE',
        `${path} is not a path of Kontaktforloeb.IndkaldelseService (ids are UUIDs); see /v2/Indkaldelse/openapi.json`,
      ),
      allow: [],
    };
  }
  const allow = [...new Set(fitting.map((m) => m.route.method.toUpperCase()))];
  return {
    ok: false,
    violation: restViolation(
      'REQ-ROUTE-METHOD',
      `${path} takes ${allow.join(', ')}, not ${method.toUpperCase()}`,
    ),
    allow,
  };
};
