import type { z } from 'zod';

/**
 * Where a fact of the REST contract comes from (REST.md §6, `x-dfdg-source`): a page of STAR's wiki
 * as STAR-SOURCES.md numbers it ("STAR P3", "STAR P4 (name), P1b (type)"), or the emulator ("ours",
 * "ours (epic 905.3)") where STAR's choice is not public.
 */
export type DfdgSource = `STAR ${string}` | 'ours' | `ours (${string})`;

/** The sentence a description ends with, so the text says what `x-dfdg-source` says. */
export const sourceSentence = (source: DfdgSource): string =>
  source.startsWith('ours')
    ? `Source: ${source}, the emulator's choice where STAR's is not public.`
    : `Source: ${source}.`;

/** The annotation every REST schema, property, parameter and operation carries. */
export const sourceMeta = (source: DfdgSource, description: string) => ({
  'x-dfdg-source': source,
  description: `${description} ${sourceSentence(source)}`,
});

/** A schema with its source and description (REST.md §6: STAR's names marked, ours too). */
export const sourced = <S extends z.ZodType>(schema: S, source: DfdgSource, description: string): S =>
  schema.meta(sourceMeta(source, description));
