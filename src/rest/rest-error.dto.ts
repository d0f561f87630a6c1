import { z } from 'zod';
import { sourced } from './dfdg-source';
import { int32, uuidText } from './rest-field-types';

/**
 * The JSON error body (REST.md §5): ours, as STAR's is not public; the names follow the Fejlkode,
 * Fejltekst and Beskrivelse columns of STAR's REST pages (P3).
 */
export const FeltDto = sourced(
  z.strictObject({
    felt: sourced(
      z.string(),
      'ours',
      'The field at fault: a JSON Pointer into the body (e.g. /moedeSluttidspunkt), a query parameter or a header name.',
    ),
    besked: sourced(z.string(), 'ours', 'What is wrong with it.'),
  }),
  'ours',
  'A field at fault.',
);

export const FejlDto = sourced(
  z.strictObject({
    fejlkode: sourced(
      int32,
      'STAR P3 (name), P4, P11 (codes)',
      'The error code: STAR 900xx code where STAR gives one, else the DFDG code shared with SOAP, or the emulator code.',
    ),
    fejltekst: sourced(
      z.string(),
      'STAR P3 (name), P4, P11 (texts)',
      "The code's fixed English text, to compare exactly.",
    ),
    beskrivelse: sourced(z.string(), 'STAR P3 (name); the text ours', 'What was wrong in this request.'),
    serviceRequestLogReferenceIdentifier: sourced(
      uuidText,
      'STAR (CONTRACT.md, every response)',
      "The call's key in the audit log.",
    ),
    felter: sourced(z.array(FeltDto), 'ours', 'The fields at fault; only when fields are.').optional(),
  }),
  'ours (names from STAR P3)',
  'The error body of every refused call, application/json; charset=utf-8, with the rule that answered in the X-DFDG-Rule header.',
);

export type FeltDto = z.infer<typeof FeltDto>;
export type FejlDto = z.infer<typeof FejlDto>;
