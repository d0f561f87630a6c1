import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INDKALDELSE_ROUTES } from '../../../src/rest/indkaldelse.routes';
import { restOpenApiDocument } from '../../../src/rest/openapi';
import { PROJECT_ROOT } from '../../../src/project-root';

type Json = Record<string, unknown>;
interface Operation {
  operationId: string;
  description: string;
  'x-dfdg-source': string;
  'x-star-scope'?: string;
  parameters: Json[];
  requestBody?: Json;
  responses: Record<string, { description: string; content: Record<string, { schema: Json }> }>;
}

const COMMITTED = join(PROJECT_ROOT, 'openapi', 'indkaldelse-v2.json');
const doc = restOpenApiDocument() as Json & {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json>; securitySchemes: Record<string, Json> };
};
const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => ({ route: `${method} ${path}`, op })),
);
const operation = (operationId: string): Operation => {
  const found = operations.find((o) => o.op.operationId === operationId);
  if (!found) throw new Error(`no operation ${operationId}`);
  return found.op;
};

/**
 * Every schema object of a JSON Schema that describes a value: itself, its properties, its items; a
 * bare reference is the component it names (checked there).
 */
const schemasIn = (name: string, schema: Json): Array<[string, Json]> => [
  ...(Object.keys(schema).join() === '$ref' ? [] : [[name, schema] as [string, Json]]),
  ...Object.entries((schema['properties'] ?? {}) as Record<string, Json>).flatMap(([p, s]) =>
    schemasIn(`${name}.${p}`, s),
  ),
  ...(schema['items'] ? schemasIn(`${name}[]`, schema['items'] as Json) : []),
];

it('When the document is generated, then it equals the committed openapi/indkaldelse-v2.json (else run node scripts/write-rest-openapi.js)', () => {
  expect(JSON.parse(readFileSync(COMMITTED, 'utf8'))).toEqual(doc);
});

it('When the committed document is checked against OpenAPI 3.1’s schema, then it is valid', async () => {
  const { Validator } = await import('@seriousme/openapi-schema-validator');
  const result = await new Validator().validate(JSON.parse(readFileSync(COMMITTED, 'utf8')) as Json);
  expect(result).toEqual({ valid: true });
});

it('When the document is read, then it is OpenAPI 3.1 with every route of the table and the mutualTLS scheme', () => {
  expect(doc['openapi']).toBe('3.1.0');
  expect(operations.map((o) => o.route).sort()).toEqual(
    INDKALDELSE_ROUTES.map((r) => `${r.method} ${r.path}`).sort(),
  );
  expect(Object.entries(doc.components.securitySchemes).map(([name, s]) => [name, s['type']])).toEqual([
    ['mutualTLS', 'mutualTLS'],
  ]);
  expect(doc['security']).toEqual([{ mutualTLS: [] }]);
});

it('When the operation ids are read, then they are STAR’s method names, the citizen-wide history GetIndkaldelseshistorikForBorger', () => {
  expect(operations.map((o) => o.op.operationId).sort()).toEqual(
    [
      'CreateIndkaldelse',
      'UpdateIndkaldelse',
      'DeleteIndkaldelse',
      'GetIndkaldelser',
      'GetIndkaldelse',
      'GetIndkaldelseshistorik',
      'GetIndkaldelseshistorikForBorger',
      'CreateMyndighedsdeltager',
      'UpdateMyndighedsdeltager',
      'DeleteMyndighedsdeltager',
      'GetIndkaldelseOpenApi',
    ].sort(),
  );
  expect(operations.filter((o) => o.op['x-star-scope']).map((o) => o.op.operationId)).toEqual([
    'CreateMyndighedsdeltager',
  ]);
});

it('When any operation, parameter, schema or property is read, then it carries x-dfdg-source and a description that names it', () => {
  const annotated: Array<[string, Json]> = [
    ...operations.map(({ route, op }) => [route, op as unknown as Json] as [string, Json]),
    ...operations.flatMap(({ route, op }) =>
      op.parameters.map((p) => [`${route} ${String(p['name'])}`, p] as [string, Json]),
    ),
    ...Object.entries(doc.components.schemas).flatMap(([name, schema]) => schemasIn(name, schema)),
  ];
  expect(annotated.length).toBeGreaterThan(150);
  const missing = annotated
    .filter(
      ([, s]) =>
        !(
          typeof s['x-dfdg-source'] === 'string' &&
          String(s['description']).includes(`Source: ${String(s['x-dfdg-source'])}`)
        ),
    )
    .map(([where]) => where);
  expect(missing).toEqual([]);
  expect(doc.components.schemas['IndkaldelseDto']?.['properties']).toMatchObject({
    moedeStarttidspunkt: { 'x-dfdg-source': 'STAR P4 (name), P1b (type)' },
    moedeOrganisation: { 'x-dfdg-source': 'ours' },
  });
});

it('When the DTO headers are declared, then they are header parameters with content application/json naming their DTO', () => {
  const headers = operation('UpdateIndkaldelse').parameters.filter((p) => p['in'] === 'header');
  expect(
    headers.map((p) => [p['name'], p['required'], Object.keys((p['content'] ?? { schema: 0 }) as Json)]),
  ).toEqual([
    ['X-ActiveOrganisation', true, ['application/json']],
    ['X-RequestUserMetadata', true, ['application/json']],
    ['x-civilregistrationIdentifier', true, ['schema']],
    ['x-requestId', true, ['schema']],
  ]);
  expect(operation('GetIndkaldelseOpenApi').parameters).toEqual([]);
});

it('When the errors are declared, then every status of REST.md §5 but 405 is, each with the error body', () => {
  const statuses = new Set(operations.flatMap((o) => Object.keys(o.op.responses)));
  expect([...statuses].filter((s) => /^[45]/.test(s)).sort()).toEqual([
    '400',
    '401',
    '403',
    '404',
    '409',
    '412',
    '500',
  ]);
  for (const { op } of operations) {
    for (const [status, response] of Object.entries(op.responses).filter(([s]) => /^[45]/.test(s))) {
      expect([op.operationId, status, response.content['application/json']?.schema]).toEqual([
        op.operationId,
        status,
        { $ref: '#/components/schemas/FejlDto' },
      ]);
    }
  }
});

it.each<[string, string, string[]]>([
  ['UpdateIndkaldelse', '409', ['- 1014 (REST-STATE): The submitted message is not valid']],
  [
    'UpdateIndkaldelse',
    '404',
    [
      '- 90036 (BK-NOT-FOUND): The submitted BookingIdentifier is unknown to the system',
      '- 1014 (REQ-ROUTE)',
    ],
  ],
  ['CreateIndkaldelse', '409', ['- 1014 (BK-VALID): The submitted message is not valid']],
  ['CreateIndkaldelse', '412', ['- 5300 (REQ-REQUESTID): The x-requestId has already been used']],
  [
    'CreateIndkaldelse',
    '403',
    ['- 90006 (BK-AKASSE-MEMBER)', '- 4575 (ACC-OWN, VIS-AKASSE)', '- 1013 (SEC-AO-CERT, REST-ORG-TYPE)'],
  ],
  [
    'DeleteMyndighedsdeltager',
    '404',
    ['- 5301 (REST-MD-NOT-FOUND): The submitted myndighedsdeltagerId is unknown to the system'],
  ],
  [
    'GetIndkaldelseOpenApi',
    '401',
    ['- 1101 (SEC-TLS): Client certificate missing from request', '- 1012 (SEC-TLS, SEC-CERT): Logon failed'],
  ],
])('When %s declares HTTP %s, then its description lists %j', (operationId, status, lines) => {
  const description = operation(operationId).responses[status]?.description ?? '';
  for (const line of lines) expect(description).toContain(line);
});

it('When the reads are declared, then none answers 412 and openapi.json answers only the certificate’s 401 and 500', () => {
  expect(operations.filter((o) => o.route.startsWith('get') && '412' in o.op.responses)).toEqual([]);
  expect(Object.keys(operation('GetIndkaldelseOpenApi').responses)).toEqual(['200', '401', '500']);
});
