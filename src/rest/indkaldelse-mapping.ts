import type { BookingChange, BookingCreator, BookingHistoryEntry, BookingStatus } from '../domain/booking';
import { originatorCode, originatorOf } from '../domain/booking-originator.rules';
import { copenhagenIsoString, parseXsDateTime } from '../domain/copenhagen-time';
import type { Organisation } from '../domain/organisation';
import type { RequestUserMetadata } from '../domain/request-user-metadata';
import { canonicalUuid } from '../domain/uuid';
import type {
  IndkaldelseDto,
  IndkaldelseReadDto,
  IndkaldelseshistorikDto,
  MyndighedsdeltagerReadDto,
} from './indkaldelse.dto';
import type { ActiveOrganisationDto, RequestUserMetadataDto } from './metadata.dto';
import { deadlineDate, deadlineInstant } from './rest-deadlines';
import { meetingEnd } from './rest.rules';

/**
 * The fields of a meeting the REST face writes and reads. It mirrors BookingInput (src/domain/booking.ts)
 * together with the fields being added to it there (the meeting form and group type, the digital link,
 * the attendance, acceptance, rebooking and cancellation flags, and the times as the caller wrote them);
 * once those land, BookingInput takes this interface's place. The last three fields are REST's own
 * (REST.md §4) and need a place in the store too.
 */
export interface IndkaldelseBookingFields {
  readonly id: string;
  readonly originSystemIdentifier?: string | undefined;
  readonly cpr: string;
  readonly interviewType: number;
  /** InterviewFormTypeIdentifier, moedeGruppeType. */
  readonly formType: number;
  /** InterviewContactTypeIdentifier, afholdelsesform. */
  readonly contactType: number;
  readonly start: Date;
  /** The start as the caller wrote it, returned verbatim (CONTRACT.md); absent: written by the emulator. */
  readonly startText?: string | undefined;
  readonly end: Date;
  readonly endText?: string | undefined;
  readonly meetingOrganisation: Organisation;
  readonly meetingLocation?: string | undefined;
  readonly digitalMeetingLink?: string | undefined;
  readonly caseworkerName?: string | undefined;
  readonly compulsoryAttendance: boolean;
  readonly selfBooked: boolean;
  /** Optional over SOAP (0..1); REST writes false for an absent skalAccepteres. */
  readonly citizenShouldAcceptBooking?: boolean | undefined;
  readonly accepted?: boolean | undefined;
  readonly acceptedTime?: Date | undefined;
  readonly acceptedTimeText?: string | undefined;
  readonly rebookingPossible: boolean;
  readonly rebookingDeadline?: Date | undefined;
  readonly cancellationPossible: boolean;
  readonly cancellationDeadline?: Date | undefined;
  /** REST only: gruppemoedeId, moedeVarighed, kildesystemType; absent from SOAP reads. */
  readonly groupMeetingId?: string | undefined;
  readonly durationMinutes?: number | undefined;
  readonly sourceSystemType?: number | undefined;
}

/** A stored meeting as the read form needs it; mirrors Booking (src/domain/booking.ts). */
export interface IndkaldelseBooking extends IndkaldelseBookingFields {
  readonly status: BookingStatus;
  readonly createdAt: Date;
  readonly lastChangedAt: Date;
  readonly creator: BookingCreator;
  /** BK-ORIGINATOR as fixed at creation (undefined: a booking an older release stored). */
  readonly originator?: Organisation | undefined;
}

/** An authority participant of a meeting (REST.md §4), as stored. */
export interface Myndighedsdeltager {
  readonly id: string;
  readonly indkaldelseId: string;
  readonly navn?: string | undefined;
  readonly kontaktdetaljer?: string | undefined;
  readonly telefonnummer?: string | undefined;
  readonly email?: string | undefined;
  readonly createdAt: Date;
  readonly lastChangedAt: Date;
}

/** A date-time that passed REQ-OPENAPI, whose schema guarantees it reads. */
const instant = (text: string): Date => {
  const at = parseXsDateTime(text);
  if (!at) throw new Error(`a validated date-time does not read: ${text}`);
  return at;
};

const present = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

/**
 * IndkaldelseDto -> the booking's fields (CreateIndkaldelse, UpdateIndkaldelse): the id from the path
 * and the CPR from its header; absent flags are false; the end is computed when not given; deadline
 * dates become instants (rest-deadlines.ts).
 */
export const bookingFieldsOf = (
  indkaldelseId: string,
  cpr: string,
  dto: IndkaldelseDto,
): IndkaldelseBookingFields => {
  const start = instant(dto.moedeStarttidspunkt);
  return {
    id: canonicalUuid(indkaldelseId),
    ...present('originSystemIdentifier', dto.oprindelsessystemId),
    cpr,
    interviewType: dto.samtaleType,
    formType: dto.moedeGruppeType,
    contactType: dto.afholdelsesform,
    start,
    startText: dto.moedeStarttidspunkt,
    end: meetingEnd(dto),
    ...present('endText', dto.moedeSluttidspunkt),
    meetingOrganisation: {
      type: dto.moedeOrganisation.organisationType,
      code: dto.moedeOrganisation.organisationCode,
    },
    ...present('meetingLocation', dto.moedested),
    ...present('digitalMeetingLink', dto.digitaltMoedelink),
    ...present('caseworkerName', dto.sagsbehandlerNavn),
    compulsoryAttendance: dto.moedepligt,
    selfBooked: dto.selvbooket ?? false,
    citizenShouldAcceptBooking: dto.skalAccepteres ?? false,
    ...present('accepted', dto.accepteret),
    ...present(
      'acceptedTime',
      dto.accepteretTidspunkt === undefined ? undefined : instant(dto.accepteretTidspunkt),
    ),
    ...present('acceptedTimeText', dto.accepteretTidspunkt),
    rebookingPossible: dto.ombookingMulig,
    ...present(
      'rebookingDeadline',
      dto.ombookingFrist === undefined ? undefined : deadlineInstant(dto.ombookingFrist, start),
    ),
    cancellationPossible: dto.aflysningMulig,
    ...present(
      'cancellationDeadline',
      dto.aflysningsfrist === undefined ? undefined : deadlineInstant(dto.aflysningsfrist, start),
    ),
    ...present(
      'groupMeetingId',
      dto.gruppemoedeId === undefined ? undefined : canonicalUuid(dto.gruppemoedeId),
    ),
    ...present('durationMinutes', dto.moedeVarighed),
    ...present('sourceSystemType', dto.kildesystemType),
  };
};

/** A time as written, or, when the emulator wrote it, Copenhagen time with its offset. */
const timeText = (at: Date, written: string | undefined): string => written ?? copenhagenIsoString(at);

export const activeOrganisationDto = (o: Organisation): ActiveOrganisationDto => ({
  organisationType: o.type,
  organisationCode: o.code,
});

export const requestUserMetadataDto = (m: RequestUserMetadata): RequestUserMetadataDto => ({
  requestUserStructure: {
    userFullName: m.userFullName,
    requestUserType: m.userType,
    userIdentifier: m.userIdentifier,
    ...present('userEmail', m.userEmail),
  },
  requestOrganisationStructure: {
    organisationType: m.organisation.type,
    organisationCode: m.organisation.code,
  },
  registrationDateTime: m.registrationDateTime,
});

export const myndighedsdeltagerReadForm = (d: Myndighedsdeltager): MyndighedsdeltagerReadDto => ({
  myndighedsdeltagerId: d.id,
  indkaldelseIdentifier: d.indkaldelseId,
  ...present('navn', d.navn),
  ...present('kontaktdetaljer', d.kontaktdetaljer),
  ...present('telefonnummer', d.telefonnummer),
  ...present('email', d.email),
  oprettetTidspunkt: copenhagenIsoString(d.createdAt),
  senestAendretTidspunkt: copenhagenIsoString(d.lastChangedAt),
});

/**
 * The stored meeting -> its read form (GetIndkaldelse, GetIndkaldelser, the history): times as
 * written, deadlines as Copenhagen dates, REST's own fields only when the meeting has them (one made
 * over SOAP has none).
 */
export const indkaldelseReadForm = (
  b: IndkaldelseBooking,
  myndighedsdeltagere: readonly Myndighedsdeltager[],
  starCvr: string,
): IndkaldelseReadDto => {
  const originator = originatorOf(b, starCvr);
  return {
    moedeStarttidspunkt: timeText(b.start, b.startText),
    moedeSluttidspunkt: timeText(b.end, b.endText),
    ...present('moedeVarighed', b.durationMinutes),
    samtaleType: b.interviewType,
    moedeGruppeType: b.formType,
    ...present('gruppemoedeId', b.groupMeetingId),
    afholdelsesform: b.contactType,
    ...present('digitaltMoedelink', b.digitalMeetingLink),
    ...present('kildesystemType', b.sourceSystemType),
    selvbooket: b.selfBooked,
    moedepligt: b.compulsoryAttendance,
    skalAccepteres: b.citizenShouldAcceptBooking ?? false,
    ...present('accepteret', b.accepted),
    ...present('accepteretTidspunkt', b.acceptedTime && timeText(b.acceptedTime, b.acceptedTimeText)),
    ombookingMulig: b.rebookingPossible,
    ...present('ombookingFrist', b.rebookingDeadline && deadlineDate(b.rebookingDeadline)),
    aflysningMulig: b.cancellationPossible,
    ...present('aflysningsfrist', b.cancellationDeadline && deadlineDate(b.cancellationDeadline)),
    moedeOrganisation: activeOrganisationDto(b.meetingOrganisation),
    ...present('moedested', b.meetingLocation),
    ...present('sagsbehandlerNavn', b.caseworkerName),
    ...present('oprindelsessystemId', b.originSystemIdentifier),
    indkaldelseId: b.id,
    personnummer: b.cpr,
    status: b.status === 'Cancelled' ? 'Aflyst' : 'Aktiv',
    oprettetTidspunkt: copenhagenIsoString(b.createdAt),
    senestAendretTidspunkt: copenhagenIsoString(b.lastChangedAt),
    oprindelse: { organisationType: originator.type, organisationCode: originatorCode(originator.code) },
    oprettetAf: requestUserMetadataDto(b.creator.metadata),
    myndighedsdeltagere: myndighedsdeltagere.map(myndighedsdeltagerReadForm),
  };
};

/** STAR's Aendringstype (P20) for each change the history records, SOAP's included. */
const AENDRINGSTYPE = {
  Created: 1,
  Updated: 2,
  Rescheduled: 2,
  Cancelled: 3,
} as const satisfies Record<BookingChange, 1 | 2 | 3>;

/** One history row -> its historik entry, with the meeting as it was right after the change. */
export const historikEntry = (
  entry: BookingHistoryEntry,
  after: IndkaldelseReadDto,
): IndkaldelseshistorikDto => ({
  tidspunkt: copenhagenIsoString(entry.time),
  aendringstype: AENDRINGSTYPE[entry.change],
  aktivOrganisation: activeOrganisationDto(entry.activeOrganisation),
  requestUserMetadata: requestUserMetadataDto(entry.requestUserMetadata),
  indkaldelse: after,
});
