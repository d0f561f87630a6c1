import type { BookingChange } from '../../../src/domain/booking';
import { validateDto } from '../../../src/rest/dto-validation';
import {
  IndkaldelseReadDto,
  IndkaldelseshistorikDto,
  type IndkaldelseDto,
} from '../../../src/rest/indkaldelse.dto';
import {
  bookingFieldsOf,
  historikEntry,
  indkaldelseReadForm,
  type IndkaldelseBooking,
  type IndkaldelseBookingFields,
  type Myndighedsdeltager,
} from '../../../src/rest/indkaldelse-mapping';
import { requestUserMetadataOf } from '../../../src/rest/dto-headers.rules';
import { buildIndkaldelseDto, buildRequestUserMetadataDto } from './indkaldelse-builders';

const ID = '3F2B6C1E-8D4A-4B7E-9A51-0C2D9E8F7A10';
const CPR = '0101901234';
const STAR_CVR = '55568510';
const CREATED = new Date('2026-02-01T08:00:00Z');

/** Every field of IndkaldelseDto given, in the forms a .NET client writes them. */
const FULL: IndkaldelseDto = buildIndkaldelseDto({
  moedeStarttidspunkt: '2026-03-02T10:00:00.1234567+01:00',
  moedeSluttidspunkt: '2026-03-02T10:45:00',
  moedeVarighed: 45,
  moedeGruppeType: 2,
  gruppemoedeId: '9b2e4c6a-1d3f-4a5b-8c7d-0e1f2a3b4c5d',
  afholdelsesform: 8,
  digitaltMoedelink: 'https://meet.example.dk/abc',
  kildesystemType: 30,
  selvbooket: true,
  skalAccepteres: true,
  accepteret: true,
  accepteretTidspunkt: '2026-02-28T12:00:00Z',
  ombookingMulig: true,
  ombookingFrist: '2026-03-01',
  aflysningMulig: true,
  aflysningsfrist: '2026-03-02',
  moedested: 'Jobcenter Aarhus, lokale 3',
  sagsbehandlerNavn: 'Mette Sørensen',
  oprindelsessystemId: 'KSS-4711',
});

const stored = (
  fields: IndkaldelseBookingFields,
  overrides: Partial<IndkaldelseBooking> = {},
): IndkaldelseBooking => ({
  ...fields,
  status: 'Active',
  createdAt: CREATED,
  lastChangedAt: new Date('2026-02-02T09:30:00Z'),
  creator: {
    organisation: { type: 8, code: '75100' },
    metadata: requestUserMetadataOf(buildRequestUserMetadataDto()),
    system: 'kss-vendor',
  },
  ...overrides,
});

describe('IndkaldelseDto -> the booking’s fields', () => {
  it('When every field is given, then each lands on its booking field, the id in lower case and the deadlines as instants', () => {
    expect(bookingFieldsOf(ID, CPR, FULL)).toEqual({
      id: ID.toLowerCase(),
      originSystemIdentifier: 'KSS-4711',
      cpr: CPR,
      interviewType: 7,
      formType: 2,
      contactType: 8,
      start: new Date('2026-03-02T09:00:00.123Z'),
      end: new Date('2026-03-02T09:45:00Z'),
      meetingOrganisation: { type: 8, code: '75100' },
      meetingLocation: 'Jobcenter Aarhus, lokale 3',
      digitalMeetingLink: 'https://meet.example.dk/abc',
      caseworkerName: 'Mette Sørensen',
      compulsoryAttendance: true,
      selfBooked: true,
      citizenShouldAcceptBooking: true,
      accepted: true,
      acceptedTime: new Date('2026-02-28T12:00:00Z'),
      rebookingPossible: true,
      rebookingDeadline: new Date('2026-03-01T22:59:59.999Z'),
      cancellationPossible: true,
      // The meeting's own date: its start, which is earlier than the end of the day.
      cancellationDeadline: new Date('2026-03-02T09:00:00.123Z'),
      groupMeetingId: '9b2e4c6a-1d3f-4a5b-8c7d-0e1f2a3b4c5d',
      durationMinutes: 45,
      sourceSystemType: 30,
      writtenTimes: {
        start: '2026-03-02T10:00:00.1234567+01:00',
        end: '2026-03-02T10:45:00',
        acceptedTime: '2026-02-28T12:00:00Z',
      },
    });
  });

  it('When only the required fields are given, then the flags are false, the end is 60 minutes on, and nothing else is set', () => {
    const { moedeSluttidspunkt: _end, ...required } = buildIndkaldelseDto();
    void _end;
    expect(bookingFieldsOf(ID, CPR, required)).toEqual({
      id: ID.toLowerCase(),
      cpr: CPR,
      interviewType: 7,
      formType: 1,
      contactType: 1,
      start: new Date('2026-03-02T09:00:00Z'),
      end: new Date('2026-03-02T10:00:00Z'),
      meetingOrganisation: { type: 8, code: '75100' },
      compulsoryAttendance: true,
      selfBooked: false,
      citizenShouldAcceptBooking: false,
      rebookingPossible: false,
      cancellationPossible: false,
      writtenTimes: { start: '2026-03-02T10:00:00+01:00' },
    });
  });
});

describe('the booking -> the read form', () => {
  const deltager: Myndighedsdeltager = {
    id: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
    indkaldelseId: ID.toLowerCase(),
    navn: 'Ole Jensen',
    telefonnummer: '+4512345678',
    createdAt: new Date('2026-02-03T10:00:00Z'),
    lastChangedAt: new Date('2026-02-03T10:00:00Z'),
  };

  it('When a meeting written over REST is read, then its read form repeats what was written, plus the read fields', () => {
    const read = indkaldelseReadForm(stored(bookingFieldsOf(ID, CPR, FULL)), [deltager], STAR_CVR);
    const {
      indkaldelseId,
      personnummer,
      status,
      oprettetTidspunkt,
      senestAendretTidspunkt,
      oprindelse,
      oprettetAf,
      myndighedsdeltagere,
      ...written
    } = read;
    expect(written).toEqual(FULL);
    expect({
      indkaldelseId,
      personnummer,
      status,
      oprettetTidspunkt,
      senestAendretTidspunkt,
      oprindelse,
      oprettetAf,
      myndighedsdeltagere,
    }).toEqual({
      indkaldelseId: ID.toLowerCase(),
      personnummer: CPR,
      status: 'Aktiv',
      oprettetTidspunkt: '2026-02-01T09:00:00.000+01:00',
      senestAendretTidspunkt: '2026-02-02T10:30:00.000+01:00',
      oprindelse: { organisationType: 8, organisationCode: 75100 },
      oprettetAf: buildRequestUserMetadataDto(),
      myndighedsdeltagere: [
        {
          myndighedsdeltagerId: deltager.id,
          indkaldelseIdentifier: ID.toLowerCase(),
          navn: 'Ole Jensen',
          telefonnummer: '+4512345678',
          oprettetTidspunkt: '2026-02-03T11:00:00.000+01:00',
          senestAendretTidspunkt: '2026-02-03T11:00:00.000+01:00',
        },
      ],
    });
    expect(validateDto(IndkaldelseReadDto, read, 'strict').ok).toBe(true);
  });

  it('When a meeting made over SOAP is read (no texts, no REST fields), then times carry Copenhagen’s offset, deadlines are dates, and REST’s own fields are absent', () => {
    const soap: IndkaldelseBookingFields = {
      id: ID.toLowerCase(),
      cpr: CPR,
      interviewType: 12,
      formType: 1,
      contactType: 2,
      start: new Date('2026-06-10T07:00:00Z'),
      end: new Date('2026-06-10T07:30:00Z'),
      meetingOrganisation: { type: 8, code: '75100' },
      compulsoryAttendance: false,
      selfBooked: false,
      rebookingPossible: true,
      rebookingDeadline: new Date('2026-06-08T21:59:59.999Z'),
      cancellationPossible: true,
      cancellationDeadline: new Date('2026-06-09T10:00:00Z'),
    };
    const read = indkaldelseReadForm(stored(soap, { status: 'Cancelled' }), [], STAR_CVR);
    expect(read).toMatchObject({
      moedeStarttidspunkt: '2026-06-10T09:00:00.000+02:00',
      moedeSluttidspunkt: '2026-06-10T09:30:00.000+02:00',
      skalAccepteres: false,
      ombookingFrist: '2026-06-08',
      aflysningsfrist: '2026-06-09',
      status: 'Aflyst',
      myndighedsdeltagere: [],
    });
    expect(
      ['moedeVarighed', 'gruppemoedeId', 'kildesystemType', 'digitaltMoedelink'].filter((k) => k in read),
    ).toEqual([]);
    expect(validateDto(IndkaldelseReadDto, read, 'strict').ok).toBe(true);
  });

  it.each<[string, { type: number; code: string }, { organisationType: number; organisationCode: number }]>([
    ['a jobcenter', { type: 8, code: '75100' }, { organisationType: 8, organisationCode: 75100 }],
    [
      'Jobnet (STAR): STAR with its CVR',
      { type: 5, code: '4' },
      { organisationType: 5, organisationCode: 55568510 },
    ],
    [
      'an organisation whose code is not digits (0, as the SOAP BookingOriginator shows it)',
      { type: 8, code: 'ABC' },
      { organisationType: 8, organisationCode: 0 },
    ],
  ])(
    'When the meeting was created by %s, then oprindelse is %o (BK-ORIGINATOR)',
    (_, organisation, oprindelse) => {
      const b = stored(bookingFieldsOf(ID, CPR, FULL));
      const read = indkaldelseReadForm({ ...b, creator: { ...b.creator, organisation } }, [], STAR_CVR);
      expect(read.oprindelse).toEqual(oprindelse);
    },
  );
});

describe('the history -> historik entries', () => {
  it.each<[BookingChange, number]>([
    ['Created', 1],
    ['Updated', 2],
    ['Rescheduled', 2],
    ['Cancelled', 3],
  ])(
    'When the change is %s, then aendringstype is %i, with the call’s metadata and the meeting after it',
    (change, aendringstype) => {
      const after = indkaldelseReadForm(stored(bookingFieldsOf(ID, CPR, FULL)), [], STAR_CVR);
      const entry = historikEntry(
        {
          time: new Date('2026-02-05T13:00:00Z'),
          change,
          activeOrganisation: { type: 7, code: '751' },
          requestUserMetadata: requestUserMetadataOf(buildRequestUserMetadataDto()),
          referenceId: '11111111-2222-4333-8444-555555555555',
        },
        after,
      );
      expect(entry).toEqual({
        tidspunkt: '2026-02-05T14:00:00.000+01:00',
        aendringstype,
        aktivOrganisation: { organisationType: 7, organisationCode: '751' },
        requestUserMetadata: buildRequestUserMetadataDto(),
        indkaldelse: after,
      });
      expect(validateDto(IndkaldelseshistorikDto, entry, 'strict').ok).toBe(true);
    },
  );
});
