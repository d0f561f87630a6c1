import { dfdgHeaders, envelope, requestBody, soapAction, type Org, type User } from './envelope';
import { exchange, soapHeaders, type RawResponse } from './soap-request';

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
  exchange(
    `${soapUrl}/BookingService`,
    envelope(
      requestBody('BookingService', 'GetBookings', { PersonCivilRegistrationIdentifier: cpr }),
      dfdgHeaders(ao, user),
    ),
    { ...tls, agent: false, headers: soapHeaders(soapAction('BookingService', 'GetBookings')) },
  );
