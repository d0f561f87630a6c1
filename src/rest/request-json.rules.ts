import { restViolation, type RestViolation } from './rest-errors';

/** The bounds of a JSON body: the same as a SOAP body's by default (10 MB, depth 64; configurable). */
export interface JsonLimits {
  readonly maxBytes: number;
  readonly maxDepth: number;
}

export type JsonBodyVerdict =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly violation: RestViolation };

/**
 * REQ-JSON (REST.md §5, step 2): the body of a route that takes one is JSON in UTF-8, sent as
 * application/json, within the limits. The depth is counted before parsing, so a deep body costs one
 * pass and no recursion. A byte order mark is ignored, as RFC 8259 allows.
 */
export const readJsonBody = (
  contentType: string | undefined,
  body: Uint8Array,
  limits: JsonLimits,
): JsonBodyVerdict => {
  const refuse = (detail: string): JsonBodyVerdict => ({
    ok: false,
    violation: restViolation('REQ-JSON', detail),
  });
  const mediaType = mediaTypeProblem(contentType);
  if (mediaType) return refuse(mediaType);
  if (body.byteLength > limits.maxBytes) {
    return refuse(`the body has ${body.byteLength} bytes; at most ${limits.maxBytes}`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return refuse('the body is not UTF-8');
  }
  if (text.trim() === '') return refuse('the body is empty; expected a JSON object');
  const depth = nestingDepth(text);
  if (depth > limits.maxDepth) return refuse(`the body nests ${depth} deep; at most ${limits.maxDepth}`);
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return refuse(`the body is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
};

/** Why a Content-Type is not application/json in UTF-8, or null when it is. */
const mediaTypeProblem = (contentType: string | undefined): string | null => {
  if (contentType === undefined) return 'no Content-Type; send application/json';
  const [type = '', ...parameters] = contentType.split(';').map((p) => p.trim().toLowerCase());
  if (type !== 'application/json') return `Content-Type ${contentType}; send application/json`;
  const charset = parameters
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  return charset === undefined || charset === 'utf-8'
    ? null
    : `Content-Type ${contentType}: JSON is sent in UTF-8 (charset=utf-8)`;
};

/** The deepest nesting of objects and arrays, brackets inside strings not counted. */
const nestingDepth = (text: string): number => {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') deepest = Math.max(deepest, ++depth);
    else if (c === '}' || c === ']') depth--;
  }
  return deepest;
};
