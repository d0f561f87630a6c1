import { z } from 'zod';
import type { EndpointSchemas } from './admin-endpoint';
import { ProblemSchema } from './problem';

/** What the OpenAPI document is written from: the route table's entries. */
export interface DocumentedRoute {
  readonly method: string;
  readonly path: string;
  readonly summary: string;
  readonly schemas?: EndpointSchemas | undefined;
}

type Json = Record<string, unknown>;

/**
 * A zod schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect), read as input: transforms show what
 * is sent, and object schemas stay open, as CONTRACT.md welcomes fields added later.
 */
const jsonSchema = (schema: z.ZodType): Json => {
  const converted = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  // The dialect is the document's; a $schema inside it would only repeat it.
  delete converted['$schema'];
  return converted;
};

/** express's "/admin/bookings/:id" is OpenAPI's "/admin/bookings/{id}". */
export const openApiPath = (expressPath: string): string => expressPath.replace(/:(\w+)/g, '{$1}');

const PROBLEM = { $ref: '#/components/schemas/Problem' };
const problemResponse = (description: string): Json => ({
  description,
  content: { 'application/problem+json': { schema: PROBLEM } },
});

/** One parameter per property of a params or query object schema. */
const parameters = (where: 'path' | 'query', schema: z.ZodType | undefined): Json[] => {
  if (!schema) return [];
  const object = jsonSchema(schema);
  const properties = (object['properties'] ?? {}) as Record<string, Json>;
  const required = new Set((object['required'] ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...propertySchema } = property;
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: propertySchema,
    };
  });
};

const pathParametersOf = (path: string): Json[] =>
  [...path.matchAll(/:(\w+)/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));

const capitalise = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/** "get" + "/admin/bookings/:id" -> "getBookingsById": stable names for generated clients. */
const operationId = (method: string, path: string): string => {
  const words = path
    .split('/')
    .filter((segment) => segment !== '' && segment !== 'admin')
    .map((segment) =>
      segment.startsWith(':')
        ? `By${capitalise(segment.slice(1))}`
        : segment
            .split(/[^A-Za-z0-9]+/)
            .map(capitalise)
            .join(''),
    );
  return `${method}${words.join('') || 'Root'}`;
};

const operation = (route: DocumentedRoute, tokenRequired: boolean): Json => {
  const s = route.schemas;
  const responses: Json = s
    ? {
        [String(s.status)]: {
          description: route.summary,
          content: { 'application/json': { schema: jsonSchema(s.response) } },
        },
      }
    : { '200': { description: route.summary } };
  if (s && (s.params || s.query || s.body))
    responses['400'] = problemResponse('invalid input; `errors` lists each bad field');
  for (const [status, when] of Object.entries(s?.problems ?? {})) responses[status] = problemResponse(when);
  if (tokenRequired) responses['401'] = problemResponse('missing or wrong bearer token');
  else
    responses['421'] = problemResponse(
      'the Host is neither loopback nor --public-host (DNS rebinding); a token lifts this',
    );
  if (['post', 'put', 'patch', 'delete'].includes(route.method)) {
    responses['403'] = problemResponse('another site sent it (Origin, Sec-Fetch-Site): cross-site request');
    responses['415'] = problemResponse('a Content-Type other than application/json');
  }
  const params = s
    ? [...parameters('path', s.params), ...parameters('query', s.query)]
    : pathParametersOf(route.path);
  return {
    operationId: operationId(route.method, route.path),
    summary: route.summary,
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(s?.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(s.body) } },
          },
        }
      : {}),
    responses,
  };
};

/** The OpenAPI 3.1 document of the admin API, written from the route table so it cannot drift from it. */
export const openApiDocument = (
  routes: readonly DocumentedRoute[],
  options: { readonly version: string; readonly tokenRequired: boolean },
): Json => {
  const paths: Record<string, Record<string, Json>> = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method]: operation(route, options.tokenRequired) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'dfdg-emulator test-control API',
      version: options.version,
      description:
        'Set up and inspect the emulated DFDG: reset, clock, citizens, bookings, WSRM queues, reminders, audit log, request journal and client certificates. Errors are RFC 9457 problems.',
    },
    paths,
    components: {
      schemas: { Problem: jsonSchema(ProblemSchema) },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: '--admin-token' } },
    },
    ...(options.tokenRequired ? { security: [{ bearer: [] }] } : {}),
  };
};
