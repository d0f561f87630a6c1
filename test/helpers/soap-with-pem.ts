import { request } from 'node:https';
import { dfdgHeaders, envelope, requestBody, soapAction, type Org, type User } from './envelope';
import type { RawResponse } from './soap-request';

/** PEM files of a client certificate issued during a test (admin API or CLI), and the CA to trust. */
export interface PemIdentity {
  readonly cert: string;
  readonly key: string;
  readonly ca: string;
}

/** A BookingService.GetBookings call over mutual TLS with the given PEMs, on behalf of `ao` and `user`. */
export const getBookingsWith = (
  soapUrl: string,
  tls: PemIdentity,
  ao: Org,
  user: User,
  cpr: string,
): Promise<RawResponse> =>
  new Promise((resolve, reject) => {
    const xml = envelope(
      requestBody('BookingService', 'GetBookings', { PersonCivilRegistrationIdentifier: cpr }),
      dfdgHeaders(ao, user),
    );
    const req = request(
      `${soapUrl}/BookingService`,
      {
        method: 'POST',
        ...tls,
        agent: false,
        headers: {
          'Content-Type': 'text/xml; charset=utf-8',
          SOAPAction: `"${soapAction('BookingService', 'GetBookings')}"`,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            headers: res.headers,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(xml);
  });
