import type {
  BookingChange,
  BookingCreator,
  BookingHistoryEntry,
  BookingInput,
  BookingStatus,
} from '../domain/booking';
import type { WrittenTimes } from '../domain/booking-times';
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
import { deadlineDate, deadlineInstant, type DeadlineWrite } from './rest-deadlines';
import { meetingEnd } from './rest.rules';

/**
 * The fields of a meeting the REST face writes and reads: the booking's (BookingInput, one store for
 * both faces) and the three REST has on its own (REST.md §4), absent from SOAP reads.
 */
export interface IndkaldelseBookingFields extends BookingInput {
  readonly id: string;
  /** gruppemoedeId, required for a group meeting (REST-FIELDS). */
  readonly groupMeetingId?: string | undefined;
  /** moedeVarighed in minutes, as the caller gave it. */
  readonly durationMinutes?: number | undefined;
  /** kildesystemType (REST-KILDESYSTEM). */
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
  write: DeadlineWrite = 'update',
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
    end: meetingEnd(dto),
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
    rebookingPossible: dto.ombookingMulig,
    ...present(
      'rebookingDeadline',
      dto.ombookingFrist === undefined ? undefined : deadlineInstant(dto.ombookingFrist, start, write),
    ),
    cancellationPossible: dto.aflysningMulig,
    ...present(
      'cancellationDeadline',
      dto.aflysningsfrist === undefined ? undefined : deadlineInstant(dto.aflysningsfrist, start, write),
    ),
    ...present(
      'groupMeetingId',
      dto.gruppemoedeId === undefined ? undefined : canonicalUuid(dto.gruppemoedeId),
    ),
    ...present('durationMinutes', dto.moedeVarighed),
    ...present('sourceSystemType', dto.kildesystemType),
    writtenTimes: writtenTimesOf(dto),
  };
};

/** The times the caller wrote, answered back as written (CONTRACT.md, REST.md §2). */
const writtenTimesOf = (dto: IndkaldelseDto): WrittenTimes => ({
  start: dto.moedeStarttidspunkt,
  ...present('end', dto.moedeSluttidspunkt),
  ...present('acceptedTime', dto.accepteretTidspunkt),
});

/**
 * A time as written, while the text still names the instant stored (a SOAP reschedule may have moved
 * it); otherwise, as the emulator writes times, Copenhagen time with its offset.
 */
const timeText = (at: Date, written: string | undefined): string =>
  written !== undefined && parseXsDateTime(written)?.getTime() === at.getTime()
    ? written
    : copenhagenIsoString(at);

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
    moedeStarttidspunkt: timeText(b.start, b.writtenTimes?.start),
    moedeSluttidspunkt: timeText(b.end, b.writtenTimes?.end),
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
    ...present(
      'accepteretTidspunkt',
      b.acceptedTime && timeText(b.acceptedTime, b.writtenTimes?.acceptedTime),
    ),
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
