import type { SecureVersion } from 'node:tls';
import {
  activeOrganisationXml,
  bookingXml,
  envelope,
  NS,
  requestBody,
  requestUserMetadataXml,
  serviceNs,
  soapAction,
  type BookingFields,
  type Org,
  type User,
} from './envelope';
import { exchange, postXml, soapHeaders, type RawResponse } from './soap-request';
import { clientTls, type CertificateName } from './test-certificates';

/** The fixture organisations of CONTRACT.md. */
export const ORG = {
  jobcenterAarhus: { type: 8, code: '75100' },
  jobcenterKobenhavn: { type: 8, code: '10100' },
  kommuneAarhus: { type: 7, code: '751' },
  kommuneKobenhavn: { type: 7, code: '101' },
  andenAktoer: { type: 4, code: '35669035' },
  foa: { type: 2, code: '17' },
  akasse81: { type: 2, code: '81' },
  jobnet: { type: 5, code: '4' },
} as const satisfies Record<string, Org>;

export interface SoapCall {
  readonly service?: string;
  readonly operation: string;
  readonly body: string;
  /** Raw soap:Header content; undefined sends no Header at all. */
  readonly headers?: string;
  readonly cert?: CertificateName | null;
  /** Overrides the SOAPAction (default: the operation's own). */
  readonly soapAction?: string;
}

/** One SOAP call over mutual TLS, with the operation's SOAPAction. */
export const callSoap = (baseUrl: string, c: SoapCall): Promise<RawResponse> => {
  const service = c.service ?? 'BookingService';
  return postXml(`${baseUrl}/${service}`, envelope(c.body, c.headers), {
    cert: c.cert === undefined ? '8-75100' : c.cert,
    soapAction: c.soapAction ?? soapAction(service, c.operation),
  });
};

export const updateBookingBody = (b: BookingFields): string =>
  `<bs:UpdateBookingRequest xmlns:bs="${serviceNs('BookingService')}">${bookingXml(b)}</bs:UpdateBookingRequest>`;

export const getBookingsBody = (cpr: string): string =>
  requestBody('BookingService', 'GetBookings', { PersonCivilRegistrationIdentifier: cpr });

export const getBookingDetailsBody = (id: string): string =>
  requestBody('BookingService', 'GetBookingDetails', { BookingIdentifier: id });

export const deleteBookingBody = (id: string, cpr: string): string =>
  requestBody('BookingService', 'DeleteBooking', {
    BookingIdentifier: id,
    PersonCivilRegistrationIdentifier: cpr,
  });

export const getInterviewTypesBody = (): string => requestBody('CodelistService', 'GetInterviewTypes', {});

/** An ActiveOrganisationHeader with raw content (for values the typed builder cannot express). */
export const rawActiveOrganisationXml = (content: string, ns: string = NS.aoh): string =>
  `<aoh:ActiveOrganisationHeader xmlns:aoh="${ns}">${content}</aoh:ActiveOrganisationHeader>`;

/** The header blocks in the given order (both DFDG headers by default). */
export const headersOf = (ao: Org | null, user: User | null, ...extra: string[]): string =>
  (ao ? activeOrganisationXml(ao) : '') + (user ? requestUserMetadataXml(user) : '') + extra.join('');

/** A RequestUserMetadataHeader changed by a textual edit of the well-formed one (for broken variants). */
export const editedRequestUserMetadataXml = (user: User, edit: (xml: string) => string): string => {
  const xml = requestUserMetadataXml(user);
  const edited = edit(xml);
  if (edited === xml) throw new Error('the edit changed nothing: the test would not test what it says');
  return edited;
};

/** A raw HTTPS POST with chosen TLS protocol versions (for the TLS 1.2+ rule). */
export const postWithTlsVersions = (
  url: string,
  body: string,
  options: { cert: CertificateName; minVersion: SecureVersion; maxVersion: SecureVersion; ciphers?: string },
): Promise<RawResponse> =>
  exchange(url, body, {
    ...clientTls(options.cert),
    agent: false,
    minVersion: options.minVersion,
    maxVersion: options.maxVersion,
    ...(options.ciphers ? { ciphers: options.ciphers } : {}),
    headers: soapHeaders(),
  });
