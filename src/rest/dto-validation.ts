import type { z } from 'zod';
import type { Config } from '../config';
import type { FeltDto } from './rest-error.dto';

/**
 * How strictly REQ-OPENAPI reads a body or query: "strict" refuses a field the document does not
 * have, "lenient" ignores it; the same flag as SOAP's REQ-SCHEMA (`--schema-validation`). Every
 * other fault (a wrong type, a missing field, a bound) is refused in both.
 */
export type SchemaValidation = Config['schemaValidation'];

export type DtoResult<T> =
  | {
      readonly ok: true;
      readonly value: T;
      /** In lenient mode, the unknown fields left out (for the journal, as SOAP's lenient note). */
      readonly ignored: readonly string[];
    }
  | { readonly ok: false; readonly felter: readonly FeltDto[] };

type Path = readonly PropertyKey[];

/** A JSON Pointer (RFC 6901) to a place in the body: "/moedeOrganisation/organisationCode". */
export const jsonPointer = (path: Path): string =>
  path.map((key) => `/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

/**
 * A value against one of the REST schemas, every fault named by where it is (`felt`), in the given
 * mode. `felt` turns a path into the name the caller knows (a JSON Pointer for a body, the parameter
 * name for a query).
 */
export const validateDto = <S extends z.ZodType>(
  schema: S,
  value: unknown,
  mode: SchemaValidation,
  felt: (path: Path) => string = jsonPointer,
): DtoResult<z.output<S>> => {
  const first = schema.safeParse(value);
  if (first.success) return { ok: true, value: first.data, ignored: [] };
  const unknown = first.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [],
  );
  const others = first.error.issues.filter((issue) => issue.code !== 'unrecognized_keys');
  if (mode === 'lenient' && others.length === 0) {
    const again = schema.safeParse(unknown.reduce<unknown>(withoutField, value));
    if (again.success) return { ok: true, value: again.data, ignored: unknown.map(felt) };
  }
  return {
    ok: false,
    felter: [
      ...(mode === 'strict' ? unknown.map((path) => ({ felt: felt(path), besked: 'unknown field' })) : []),
      ...others.map((issue) => ({ felt: felt(issue.path), besked: issue.message })),
    ],
  };
};

/** A copy of a parsed JSON value without the field at `path` (only the objects on the way are copied). */
const withoutField = (value: unknown, path: Path): unknown => {
  const [head, ...rest] = path;
  if (head === undefined || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    return value.map((item: unknown, index) => (index === head ? withoutField(item, rest) : item));
  }
  const copy: Record<PropertyKey, unknown> = { ...(value as Record<PropertyKey, unknown>) };
  if (rest.length === 0) delete copy[head];
  else copy[head] = withoutField(copy[head], rest);
  return copy;
};
