import { INDKALDELSE_ROUTES, type RestRoute } from '../../../src/rest/indkaldelse.routes';
import { restAnswerOf, STAR_REST_CODES } from '../../../src/rest/rest-errors';
import { matchRestRoute } from '../../../src/rest/rest-router';
import { validateRestRequest } from '../../../src/rest/rest-request-validation';
import { routeErrors } from '../../../src/rest/route-errors';
import { buildIndkaldelseDto } from './indkaldelse-builders';
import { namesIn, tableAfter } from './rest-spec';

const ID = '3f2b6c1e-8d4a-4b7e-9a51-0c2d9e8f7a10';
const CPR = '0101901234';

/** REST.md §3, one row per endpoint: method, path, STAR name, success status, own codes. */
const SPEC_ROUTES = tableAfter('| method and path | STAR name |').map(
  ([endpoint = '', starName = '', , success = '', ownCodes = '']) => {
    const [method = '', path = ''] = (namesIn(endpoint)[0] ?? '').split(' ');
    return {
      route: `${method.toLowerCase()} ${path.split('?')[0] ?? ''}`,
      starName: starName === '—' ? null : (starName.split(',')[0] ?? ''),
      status: Number(/^\d{3}/.exec(success)?.[0]),
      ownCodes,
    };
  },
);
const key = (r: RestRoute): string => `${r.method} ${r.path}`;
const routeOf = (operationId: string): RestRoute => {
  const route = INDKALDELSE_ROUTES.find((r) => r.operationId === operationId);
  if (!route) throw new Error(`no route ${operationId}`);
  return route;
};
const codesOf = (route: RestRoute): number[] =>
  routeErrors(route).map((e) => (typeof e === 'number' ? e : restAnswerOf(e).fejlkode));

describe('INDKALDELSE_ROUTES', () => {
  it('When REST.md §3 lists the endpoints, then the table has exactly them, with STAR’s method names and success statuses', () => {
    expect(SPEC_ROUTES).toHaveLength(11);
    expect(
      INDKALDELSE_ROUTES.map((r) => ({
        route: key(r),
        starName: r.starMethod,
        status: r.success.status,
      })).sort((a, b) => a.route.localeCompare(b.route)),
    ).toEqual(
      SPEC_ROUTES.map(({ route, starName, status }) => ({ route, starName, status })).sort((a, b) =>
        a.route.localeCompare(b.route),
      ),
    );
  });

  it.each(SPEC_ROUTES.map((s) => [s.route, s.ownCodes] as const))(
    'When REST.md §3 gives %s its own codes (%s), then each is among the codes the route may answer',
    (route, ownCodes) => {
      const r = INDKALDELSE_ROUTES.find((x) => key(x) === route);
      const codes = codesOf(r as RestRoute);
      const named = (ownCodes.match(/\b\d{4,5}\b(?:-\d{4})?/g) ?? []).flatMap((c) => {
        const [from = '', to] = c.split('-');
        return to
          ? Array.from({ length: Number(to) - Number(from) + 1 }, (_, i) => Number(from) + i)
          : [Number(from)];
      });
      expect(codes).toEqual(expect.arrayContaining(named));
      if (ownCodes.includes('900xx'))
        expect(codes.filter((c) => c >= 90000 && c !== 90036).length).toBeGreaterThan(5);
      // "409" in the column is a status: an error of the route must answer with it.
      if (/\b409\b/.test(ownCodes)) {
        const keys = routeErrors(r as RestRoute).filter((e) => typeof e === 'string');
        expect(keys.map((k) => restAnswerOf(k).status)).toContain(409);
      }
    },
  );

  it('When an operation names one of STAR’s codes by number, then it is one of REST.md §5’s', () => {
    const numbers = INDKALDELSE_ROUTES.flatMap((r) => r.ownErrors.filter((e) => typeof e === 'number'));
    expect(numbers.length).toBeGreaterThan(0);
    expect(numbers.filter((n) => !STAR_REST_CODES.some((c) => c.restCode === n))).toEqual([]);
  });

  it('When the operation ids are read, then they are unique, and STAR’s scope is on CreateMyndighedsdeltager only', () => {
    const ids = INDKALDELSE_ROUTES.map((r) => r.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(INDKALDELSE_ROUTES.filter((r) => r.starScope).map((r) => [r.operationId, r.starScope])).toEqual([
      ['CreateMyndighedsdeltager', 'kontaktforloeb.samtale.write'],
    ]);
  });

  it('When routes share a path, then they share its parameters’ schema (the router checks it once per path)', () => {
    const byPath = new Map<string, Set<unknown>>();
    for (const r of INDKALDELSE_ROUTES) byPath.set(r.path, (byPath.get(r.path) ?? new Set()).add(r.params));
    expect([...byPath].filter(([, schemas]) => schemas.size > 1).map(([path]) => path)).toEqual([]);
  });

  it('When a write is routed, then it may answer 412 for a repeated x-requestId, and a read may not', () => {
    expect(routeErrors(routeOf('DeleteIndkaldelse'))).toContain('REQ-REQUESTID-REPEAT');
    expect(routeErrors(routeOf('GetIndkaldelse'))).not.toContain('REQ-REQUESTID-REPEAT');
    expect(routeErrors(routeOf('GetIndkaldelseOpenApi'))).toEqual([
      'SEC-TLS-MISSING',
      'SEC-TLS',
      'SEC-CERT',
      'INTERNAL',
    ]);
  });
});

describe('matchRestRoute (REQ-ROUTE)', () => {
  it.each<[string, string, string, Record<string, string>]>([
    ['POST', `/v2/Indkaldelse/${ID}`, 'CreateIndkaldelse', { indkaldelseId: ID }],
    ['PUT', `/v2/Indkaldelse/${ID.toUpperCase()}`, 'UpdateIndkaldelse', { indkaldelseId: ID.toUpperCase() }],
    ['DELETE', `/v2/Indkaldelse/${ID}`, 'DeleteIndkaldelse', { indkaldelseId: ID }],
    ['GET', '/v2/Indkaldelse', 'GetIndkaldelser', {}],
    ['GET', `/v2/Indkaldelse/${ID}`, 'GetIndkaldelse', { indkaldelseId: ID }],
    ['GET', '/v2/Indkaldelse/historik', 'GetIndkaldelseshistorikForBorger', {}],
    ['GET', `/v2/Indkaldelse/historik/${ID}`, 'GetIndkaldelseshistorik', { indkaldelseId: ID }],
    ['GET', '/v2/Indkaldelse/openapi.json', 'GetIndkaldelseOpenApi', {}],
    [
      'POST',
      `/v2/Indkaldelse/myndighedsdeltager/${ID}`,
      'CreateMyndighedsdeltager',
      { myndighedsdeltagerid: ID },
    ],
    ['get', `/v2/indkaldelse/${ID}`, 'GetIndkaldelse', { indkaldelseId: ID }],
  ])('When %s %s is asked for, then it is %s with %j', (method, path, operationId, params) => {
    const match = matchRestRoute(method, path);
    expect(match.ok ? [match.route.operationId, match.params] : match.violation).toEqual([
      operationId,
      params,
    ]);
  });

  it.each([
    ['GET', '/v2/Indkaldelse/3f2b6c1e'],
    ['GET', '/v1/Indkaldelse/historik'],
    ['GET', `/v2/Indkaldelse/${ID}/`],
    ['GET', `/v2/Indkaldelse/${ID}/historik`],
    ['GET', '/v2/Indkaldelse/%E0%A4%A'],
    ['POST', '/v2/Indkaldelse/Deltagelsesvalg'],
    ['GET', '/'],
    ['GET', ''],
  ])('When %s %s is asked for, then it is REQ-ROUTE, 404', (method, path) => {
    const match = matchRestRoute(method, path);
    expect(match.ok ? match.route.operationId : [match.violation.key, match.allow]).toEqual([
      'REQ-ROUTE',
      [],
    ]);
  });

  it.each<[string, string, string[]]>([
    ['PATCH', `/v2/Indkaldelse/${ID}`, ['POST', 'PUT', 'DELETE', 'GET']],
    ['POST', '/v2/Indkaldelse', ['GET']],
    ['PUT', '/v2/Indkaldelse/historik', ['GET']],
    ['DELETE', '/v2/Indkaldelse/openapi.json', ['GET']],
    ['GET', `/v2/Indkaldelse/myndighedsdeltager/${ID}`, ['POST', 'PUT', 'DELETE']],
  ])('When %s %s is asked for, then it is REQ-ROUTE’s 405, allowing %j', (method, path, allow) => {
    const match = matchRestRoute(method, path);
    expect(match.ok ? match.route.operationId : [match.violation.key, match.allow]).toEqual([
      'REQ-ROUTE-METHOD',
      allow,
    ]);
  });
});

describe('validateRestRequest (REQ-OPENAPI)', () => {
  const none = { query: {}, cpr: [CPR], body: undefined };

  it.each<[string, readonly string[] | undefined, string, string]>([
    ['missing', undefined, 'REQ-OPENAPI', 'missing: every call names the citizen'],
    ['given twice', [CPR, CPR], 'REQ-OPENAPI', 'given more than once'],
    [
      'not a date',
      ['3201901234'],
      'REQ-OPENAPI-CPR',
      '"3201901234" is not a CPR number: 10 digits whose first six are a day and month (DDMMYY)',
    ],
    [
      '9 digits',
      ['010190123'],
      'REQ-OPENAPI-CPR',
      '"010190123" is not a CPR number: 10 digits whose first six are a day and month (DDMMYY)',
    ],
  ])('When the CPR header is %s, then %s names it', (_, cpr, key, besked) => {
    const verdict = validateRestRequest(routeOf('GetIndkaldelse'), { ...none, cpr }, 'strict');
    expect(verdict.ok ? verdict.value : [verdict.violation.key, verdict.violation.felter]).toEqual([
      key,
      [{ felt: 'x-civilregistrationIdentifier', besked }],
    ]);
  });

  it('When the CPR header is 0000000000 (in STAR’s pattern), then REQ-OPENAPI lets it through for ACC-CPR to judge', () => {
    const verdict = validateRestRequest(
      routeOf('GetIndkaldelse'),
      { ...none, cpr: ['0000000000'] },
      'strict',
    );
    expect(verdict.ok && verdict.value.cpr).toBe('0000000000');
  });

  it('When openapi.json is asked for, then no CPR header is needed', () => {
    expect(
      validateRestRequest(routeOf('GetIndkaldelseOpenApi'), { ...none, cpr: undefined }, 'strict').ok,
    ).toBe(true);
  });

  it.each<[string, Record<string, string | string[]>, 'strict' | 'lenient', string[] | null]>([
    [
      'a period',
      { periodeStart: '2026-03-01T00:00:00+01:00', periodeSlut: '2026-03-31T23:59:59' },
      'strict',
      null,
    ],
    ['no period', {}, 'strict', null],
    ['a start that is not a date-time', { periodeStart: '2026-03-01' }, 'strict', ['periodeStart']],
    [
      'a start given twice',
      { periodeStart: ['2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z'] },
      'strict',
      ['periodeStart'],
    ],
    ['an unknown parameter, strict', { cpr: CPR }, 'strict', ['cpr']],
    ['an unknown parameter, lenient', { cpr: CPR }, 'lenient', null],
  ])('When GetIndkaldelser has %s, then the fields at fault are %j', (_, query, mode, felter) => {
    const verdict = validateRestRequest(routeOf('GetIndkaldelser'), { ...none, query }, mode);
    expect(verdict.ok ? null : verdict.violation.felter?.map((f) => f.felt)).toEqual(felter);
  });

  it('When a route without a query gets one, then it is refused in strict mode and ignored in lenient mode', () => {
    const parts = { ...none, query: { debug: '1' } };
    const strict = validateRestRequest(routeOf('GetIndkaldelse'), parts, 'strict');
    const lenient = validateRestRequest(routeOf('GetIndkaldelse'), parts, 'lenient');
    expect([strict.ok ? null : strict.violation.key, lenient.ok && lenient.value.ignored]).toEqual([
      'REQ-OPENAPI',
      ['debug'],
    ]);
  });

  it('When a body has faults and the query an unknown parameter, then one REQ-OPENAPI names them all', () => {
    const body = { ...buildIndkaldelseDto(), samtaleType: 'syv', ekstra: true };
    const verdict = validateRestRequest(
      routeOf('CreateIndkaldelse'),
      { query: { x: '1' }, cpr: [CPR], body },
      'strict',
    );
    expect(verdict.ok ? null : [verdict.violation.key, verdict.violation.felter?.map((f) => f.felt)]).toEqual(
      ['REQ-OPENAPI', ['x', '/ekstra', '/samtaleType']],
    );
    expect(verdict.ok ? '' : verdict.violation.detail).toMatch(
      /^not valid against CreateIndkaldelse in \/v2\/Indkaldelse\/openapi.json: x: unknown field; \/ekstra: unknown field; \/samtaleType: /,
    );
  });

  it('When a valid meeting is created, then the request is what was sent, with its CPR', () => {
    const body = buildIndkaldelseDto();
    expect(
      validateRestRequest(routeOf('CreateIndkaldelse'), { query: {}, cpr: [CPR], body }, 'strict'),
    ).toEqual({
      ok: true,
      value: { query: {}, cpr: CPR, body, ignored: [] },
    });
  });
});
