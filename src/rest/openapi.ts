import { z } from 'zod';
import { sourceMeta } from './dfdg-source';
import {
  CreateIndkaldelseResponseDto,
  CreateMyndighedsdeltagerRequestDto,
  CreateMyndighedsdeltagerResponseDto,
  IndkaldelseDto,
  IndkaldelseReadDto,
  IndkaldelserDto,
  IndkaldelseshistorikDto,
  IndkaldelseshistorikListeDto,
  MyndighedsdeltagerReadDto,
  WriteResponseDto,
} from './indkaldelse.dto';
import { INDKALDELSE_ROUTES, isWrite, type RestRoute } from './indkaldelse.routes';
import { ActiveOrganisationDto, RequestUserMetadataDto } from './metadata.dto';
import { FejlDto, FeltDto } from './rest-error.dto';
import { restAnswerOf, STAR_REST_CODES, type RestAnswer } from './rest-errors';
import {
  ACTIVE_ORGANISATION_HEADER,
  CPR_HEADER,
  REQUEST_ID_HEADER,
  REQUEST_USER_METADATA_HEADER,
  type RestHeader,
} from './rest-headers';
import { routeErrors } from './route-errors';

type Json = Record<string, unknown>;

/** The schemas the document names (components/schemas), in the order a reader meets them. */
const COMPONENTS: ReadonlyArray<readonly [string, z.ZodType]> = [
  ['ActiveOrganisationDto', ActiveOrganisationDto],
  ['RequestUserMetadataDto', RequestUserMetadataDto],
  ['IndkaldelseDto', IndkaldelseDto],
  ['IndkaldelseReadDto', IndkaldelseReadDto],
  ['CreateMyndighedsdeltagerRequestDto', CreateMyndighedsdeltagerRequestDto],
  ['MyndighedsdeltagerReadDto', MyndighedsdeltagerReadDto],
  ['IndkaldelseshistorikDto', IndkaldelseshistorikDto],
  ['IndkaldelserDto', IndkaldelserDto],
  ['IndkaldelseshistorikListeDto', IndkaldelseshistorikListeDto],
  ['CreateIndkaldelseResponseDto', CreateIndkaldelseResponseDto],
  ['CreateMyndighedsdeltagerResponseDto', CreateMyndighedsdeltagerResponseDto],
  ['WriteResponseDto', WriteResponseDto],
  ['FejlDto', FejlDto],
  ['FeltDto', FeltDto],
];

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });

/** Drops what JSON Schema adds per document ($schema, $id): the dialect and place are the document's. */
const bare = (schema: Json): Json =>
  Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$schema' && key !== '$id'));

/** The components, with references between them, as JSON Schema 2020-12 (OpenAPI 3.1's dialect). */
const componentSchemas = (): Record<string, Json> => {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of COMPONENTS) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}` });
  return Object.fromEntries(COMPONENTS.map(([id]) => [id, bare((schemas[id] ?? {}) as Json)]));
};

/** A schema of the document: a reference when it is a component, else written in place. */
const schemaOf = (schema: z.ZodType): Json => {
  const component = COMPONENTS.find(([, s]) => s === schema);
  return component ? ref(component[0]) : bare(z.toJSONSchema(schema));
};

/** One parameter per property of a path or query object; its description and source move up to it. */
const parametersOf = (where: 'path' | 'query', schema: z.ZodObject | undefined): Json[] => {
  if (!schema) return [];
  const object = schemaOf(schema);
  const required = new Set((object['required'] ?? []) as string[]);
  return Object.entries((object['properties'] ?? {}) as Record<string, Json>).map(([name, property]) => {
    const { description, ...propertySchema } = property;
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      description,
      'x-dfdg-source': property['x-dfdg-source'],
      schema: propertySchema,
    };
  });
};

const headerParameter = (header: RestHeader): Json => {
  const schema = schemaOf(header.schema);
  return {
    name: header.name,
    in: 'header',
    required: true,
    ...sourceMeta(header.source, header.description),
    // A DTO header is JSON text: OpenAPI 3.1 says so with `content` instead of `schema`.
    ...(header.json ? { content: { 'application/json': { schema } } } : { schema }),
  };
};

const headerParameters = (route: RestRoute): Json[] => [
  ...(route.dtoHeaders
    ? [ACTIVE_ORGANISATION_HEADER, REQUEST_USER_METADATA_HEADER, CPR_HEADER].map(headerParameter)
    : []),
  ...(isWrite(route.method) ? [headerParameter(REQUEST_ID_HEADER)] : []),
];

/** What the route may answer with, per HTTP status (REST.md §5), each code once. */
const answersByStatus = (route: RestRoute): Map<number, RestAnswer[]> => {
  const byStatus = new Map<number, RestAnswer[]>();
  for (const error of routeErrors(route)) {
    const starCode =
      typeof error === 'number' ? STAR_REST_CODES.find((c) => c.restCode === error) : undefined;
    const answer: RestAnswer | undefined =
      typeof error === 'number'
        ? starCode && {
            status: starCode.status,
            fejlkode: starCode.restCode,
            fejltekst: starCode.text,
            ruleId: starCode.ruleId,
          }
        : restAnswerOf(error);
    if (!answer)
      throw new Error(`${route.operationId} names ${error}, which is not one of STAR's REST codes`);
    const answers = byStatus.get(answer.status) ?? [];
    byStatus.set(answer.status, [...answers, answer]);
  }
  return new Map([...byStatus].sort(([a], [b]) => a - b));
};

/** "1012 (SEC-TLS, SEC-CERT): Logon failed": a code with the rules that answer it and its text. */
const codeLines = (answers: readonly RestAnswer[]): string[] => {
  const byCode = new Map<number, { rules: Set<string>; text: string }>();
  for (const a of answers) {
    const entry = byCode.get(a.fejlkode) ?? { rules: new Set<string>(), text: a.fejltekst };
    entry.rules.add(a.ruleId);
    byCode.set(a.fejlkode, entry);
  }
  return [...byCode].map(([code, { rules, text }]) => `${code} (${[...rules].join(', ')}): ${text}`);
};

const REFERENCE_HEADER = { $ref: '#/components/headers/X-ServiceRequestLogReferenceIdentifier' };

const responsesOf = (route: RestRoute): Json => {
  const responses: Json = {
    [String(route.success.status)]: {
      description: route.success.description,
      headers: {
        'X-ServiceRequestLogReferenceIdentifier': REFERENCE_HEADER,
        ...(route.success.location ? { Location: { $ref: '#/components/headers/Location' } } : {}),
      },
      content: { 'application/json': { schema: schemaOf(route.success.body) } },
    },
  };
  for (const [status, answers] of answersByStatus(route)) {
    responses[String(status)] = {
      description: [
        'Refused, with one of these codes:',
        ...codeLines(answers).map((line) => `- ${line}`),
      ].join('\n'),
      headers: {
        'X-ServiceRequestLogReferenceIdentifier': REFERENCE_HEADER,
        'X-DFDG-Rule': { $ref: '#/components/headers/X-DFDG-Rule' },
      },
      content: { 'application/json': { schema: ref('FejlDto') } },
    };
  }
  return responses;
};

const operationOf = (route: RestRoute): Json => {
  const named = route.starMethod ? `STAR's method ${route.starMethod}.` : "The emulator's own endpoint.";
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...sourceMeta(route.source, `${route.summary}. ${named}`),
    ...(route.starScope ? { 'x-star-scope': route.starScope } : {}),
    parameters: [
      ...parametersOf('path', route.params),
      ...parametersOf('query', route.query),
      ...headerParameters(route),
    ],
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schemaOf(route.body) } },
          },
        }
      : {}),
    responses: responsesOf(route),
  };
};

/**
 * The OpenAPI 3.1 document of Kontaktforloeb.IndkaldelseService (REST.md §6), written from the route
 * table so the router, REQ-OPENAPI and the document cannot drift apart. The repository keeps it as
 * openapi/indkaldelse-v2.json (scripts/write-rest-openapi.js writes it).
 */
export const restOpenApiDocument = (routes: readonly RestRoute[] = INDKALDELSE_ROUTES): Json => {
  const paths: Record<string, Json> = {};
  for (const route of routes)
    paths[route.path] = { ...paths[route.path], [route.method]: operationOf(route) };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kontaktforloeb.IndkaldelseService (dfdg-emulator)',
      version: '2',
      ...sourceMeta(
        'STAR P2, P3 (service, method names, version 2); the document ours',
        "The emulator's REST service for meetings (indkaldelser), in the same world as its SOAP BookingService. STAR's Swagger is not public: a client generated from this document may differ from one generated from STAR's. Each operation, parameter, schema and property says in x-dfdg-source what is STAR's (with the page of STAR-SOURCES.md) and what is the emulator's. A path the service does not have is 404 and a method a path does not take is 405 (REQ-ROUTE, 1014).",
      ),
    },
    servers: [{ url: 'https://localhost:8443', description: "The emulator's default HTTPS port (--port)" }],
    security: [{ mutualTLS: [] }],
    paths,
    components: {
      schemas: componentSchemas(),
      headers: {
        'X-ServiceRequestLogReferenceIdentifier': {
          ...sourceMeta('ours', "The call's key in the audit log, on every answer."),
          schema: { type: 'string', format: 'uuid' },
        },
        'X-DFDG-Rule': {
          ...sourceMeta(
            'ours',
            'The rule that refused the call (its id in RULES.md or REST.md), as SOAP’s FaultDetails/Source.',
          ),
          schema: { type: 'string' },
        },
        Location: {
          ...sourceMeta('ours', 'The created meeting: /v2/Indkaldelse/{indkaldelseId}.'),
          schema: { type: 'string' },
        },
      },
      securitySchemes: {
        mutualTLS: {
          type: 'mutualTLS',
          description:
            "The client certificate is the caller's identity (SEC-TLS, SEC-CERT), as for the SOAP services: a function certificate (STAR P7). Missing: 1101; untrusted or unregistered: 1012 (HTTP 401).",
        },
      },
    },
  };
};
