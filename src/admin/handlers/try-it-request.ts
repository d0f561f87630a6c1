import { z } from 'zod';

/**
 * A request as the try-it tab edits it and sends it: the HTTP method, the path on the SOAP port, the
 * headers and the body as text. One shape for SOAP (POST, SOAPAction, the envelope) and REST (the
 * method, the DTO headers, the JSON), so a template, a send and a replay speak the same language.
 */
export const TryItRequest = z.strictObject({
  method: z
    .enum(['GET', 'POST', 'PUT', 'DELETE'])
    .describe('POST for SOAP; the method of REST.md §3 for Kontaktforloeb.IndkaldelseService'),
  path: z
    .string()
    .regex(/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*$/, 'a path on the SOAP port, e.g. /BookingService')
    .max(2048)
    .describe('the path on the SOAP port, e.g. /BookingService or /v2/Indkaldelse/{id}'),
  headers: z
    .record(
      z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/, 'an HTTP header name'),
      // No CR or LF: a header value cannot start another header.
      z
        .string()
        .max(8192)
        .regex(/^[^\r\n]*$/, 'one line, without CR or LF'),
    )
    .describe('the request headers, e.g. Content-Type and SOAPAction'),
  body: z
    .string()
    .max(1024 * 1024)
    .describe('the body as text: the SOAP envelope or the JSON, "" for none'),
});
export type TryItRequest = z.infer<typeof TryItRequest>;

/** The user a template acts as: RequestUserType 2, 1 or 3. */
export const TRY_IT_USERS = ['caseworker', 'citizen', 'system'] as const;
export type TryItUser = (typeof TRY_IT_USERS)[number];
