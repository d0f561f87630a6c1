import { pathOf } from '../helpers/soap-client';

/**
 * The round trip every generated vendor client (gsoap/, jaxws/, php/) makes against BookingService,
 * and what it must see. Each client prints the same JSON document:
 *   { sentStart, create, details, refused }
 * where sentStart is BookingStartTime as the client wrote it (a .NET-style text with seven fraction
 * digits and an offset where the stack lets the client write the text, PHP and JAX-WS; gSOAP's
 * time_t writes whole UTC seconds) and details.ok.BookingStartTime is the start as the client's
 * stack read it back, in the same form: the same text (CONTRACT.md: times answered as written).
 * where each call is { ok: {...} } or { fault: {...} }. The calls, all under ActiveOrganisation
 * 8/75100 with the certificate 8-75100:
 * - create: CreateBooking for the fixture citizen 0101575001, a caseworker of 8/75100;
 * - details: GetBookingDetails of that booking, same headers;
 * - refused: GetBookingDetails with a RequestUserMetadata naming a-kasse 2/17 (SEC-JOBCENTER, 4413).
 */

export const UUID = expect.stringMatching(
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
) as string;

/** STAR's text of 4413 (RULES.md). */
export const AUTHORITY_TYPE_INVALID = 'The authoritytype of the requestheader is invalid';

export const CREATED = { ok: { BookingIdentifier: UUID, ServiceRequestLogReferenceIdentifier: UUID } };

/** The booking as the client created it, read back through the client's own generated types. */
export const detailsAsCreated = (output: Record<string, unknown>): unknown => ({
  ok: {
    BookingIdentifier: pathOf(output, 'create', 'ok', 'BookingIdentifier'),
    PersonCivilRegistrationIdentifier: '0101575001',
    InterviewType: 8,
    InterviewContactType: 2,
    InterviewFormType: 1,
    BookingStartTime: output.sentStart,
    MeetingOrganisation: { OrganisationTypeIdentifier: 8, OrganisationCode: '75100' },
    MeetingLocation: 'telefon',
    CompulsoryAttendance: true,
    ReBookingPossible: false,
    CancellationPossible: true,
    BookingStatus: 'Active',
    // STAR's booking type: the originator's code is an int, and each stack reads it as one.
    BookingOriginator: { OrganisationTypeIdentifier: 8, OrganisationCode: 75100 },
    CreatedBy: 'Mette Hansen',
    ServiceRequestLogReferenceIdentifier: UUID,
  },
});

/** FaultDetails of the refusal, as a stack that types the detail from the WSDL gives it. */
export const TYPED_4413 = { ErrorCode: 4413, Message: AUTHORITY_TYPE_INVALID, Source: 'SEC-JOBCENTER' };
