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

const segmentsOf = (template: string): Segment[] =>
  template
    .split('/')
    .slice(1)
    .map((s) => (s.startsWith('{') ? { param: s.slice(1, -1) } : { literal: s.toLowerCase() }));

const decoded = (segment: string): string | null => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
};

/**
 * The path parameters of `path` if it fits the route's template, else null. Literal segments are
 * compared without regard to case, as ASP.NET Core (STAR's stack) and express do; a parameter fits
 * only when it passes its schema, so "historik" or "openapi.json" is never taken for an id.
 */
const paramsIfFits = (route: RestRoute, path: readonly string[]): Record<string, string> | null => {
  const template = segmentsOf(route.path);
  if (template.length !== path.length) return null;
  const params: Record<string, string> = {};
  for (const [i, segment] of template.entries()) {
    const actual = decoded(path[i] ?? '');
    if (actual === null) return null;
    if ('literal' in segment) {
      if (actual.toLowerCase() !== segment.literal) return null;
    } else params[segment.param] = actual;
  }
  return !route.params || route.params.safeParse(params).success ? params : null;
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
  const fitting = routes
    .map((route) => ({ route, params: paramsIfFits(route, segments) }))
    .filter((m): m is { route: RestRoute; params: Record<string, string> } => m.params !== null)
    .sort((a, b) => Number(a.route.path.includes('{')) - Number(b.route.path.includes('{')));
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
