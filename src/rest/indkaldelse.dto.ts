import { z } from 'zod';
import { sourced } from './dfdg-source';
import { ActiveOrganisationDto, RequestUserMetadataDto } from './metadata.dto';
import { cprText, dateText, dateTimeText, int32, uuidText } from './rest-field-types';

/**
 * The DTOs of Kontaktforloeb.IndkaldelseService (REST.md §4): field order, types, occurrences and
 * bounds as the spec gives them, each property with its source. Objects are strict; the lenient mode
 * of REQ-OPENAPI is dto-validation.ts's, not a second set of schemas.
 */

const dateTime = (source: Parameters<typeof sourced>[1], description: string) =>
  sourced(
    dateTimeText,
    source,
    `${description} An RFC 3339 date-time, returned as given; without an offset it is Copenhagen time.`,
  );

/** The fields of IndkaldelseDto, in REST.md §4's order (the read form repeats them). */
const indkaldelseFields = {
  moedeStarttidspunkt: dateTime('STAR P4 (name), P1b (type)', 'The meeting start (SOAP BookingStartTime).'),
  moedeSluttidspunkt: dateTime(
    'STAR P4 (name), P1b (occurrence); the default ours',
    'The meeting end (SOAP BookingEndTime); absent: the start plus moedeVarighed, else plus 60 minutes. Before the start: 90004.',
  ).optional(),
  moedeVarighed: sourced(
    int32.min(1).max(1440),
    'STAR P1b (field); the name ours',
    'The duration in minutes, 1..1440; given with moedeSluttidspunkt, the two must agree (REST-FIELDS). Not in SOAP.',
  ).optional(),
  samtaleType: sourced(
    int32,
    'STAR P1b',
    'The interview type (InterviewType code list, CONTRACT.md: 1..19); a value outside the list is 90001 (SOAP InterviewTypeIdentifier).',
  ),
  moedeGruppeType: sourced(
    int32,
    'STAR P1b, P4 (name); the values ours',
    '1 Individuel, 2 Gruppe; another value is 90005 (SOAP InterviewFormTypeIdentifier).',
  ),
  gruppemoedeId: sourced(
    uuidText,
    'STAR P1b (field and rule); the name ours',
    'The group meeting; required when moedeGruppeType is 2 (REST-FIELDS). Not in SOAP.',
  ).optional(),
  afholdelsesform: sourced(
    int32,
    'STAR P1, P18 (name, 6, 8); 1, 2, 3 ours',
    'The meeting form: 6 Møde direkte på arbejde, 8 Digitalt møde; 1 Personligt fremmøde, 2 Telefonisk, 3 Video; another value is 90000 (SOAP InterviewContactTypeIdentifier).',
  ),
  digitaltMoedelink: sourced(
    z.url({ error: 'an absolute URI' }).min(1).max(2000),
    'STAR P1 (name and rule); the type ours',
    'The link to a digital meeting, an absolute URI; required when afholdelsesform is 8 (REST-FIELDS; SOAP DigitalMeetingLink).',
  ).optional(),
  kildesystemType: sourced(
    int32,
    'STAR P1b (field and rule); the values ours',
    "The source system's type (30 DFDG, 32 Jobnet: STAR P30; the others ours): only a certificate of that system type may update or delete the meeting (REST-KILDESYSTEM). Not in SOAP.",
  ).optional(),
  selvbooket: sourced(
    z.boolean(),
    'STAR P1b, P2',
    'Booked by the citizen; absent: false (SOAP SelfBooked).',
  ).optional(),
  moedepligt: sourced(
    z.boolean(),
    'STAR P5 (field); the name ours',
    'The citizen must attend (SOAP CompulsoryAttendance).',
  ),
  skalAccepteres: sourced(
    z.boolean(),
    'STAR P5 (field); the name ours',
    'The citizen must accept the meeting; absent: false (SOAP CitizenShouldAcceptBooking).',
  ).optional(),
  accepteret: sourced(
    z.boolean(),
    'ours (epic 905.3)',
    'The citizen has accepted the meeting (SOAP BookingAccepted).',
  ).optional(),
  accepteretTidspunkt: dateTime(
    'ours (epic 905.3)',
    'When the citizen accepted (SOAP BookingAcceptedTime).',
  ).optional(),
  ombookingMulig: sourced(
    z.boolean(),
    'STAR P1b',
    'The citizen may rebook; then ombookingFrist is required (90010) (SOAP ReBookingPossible).',
  ),
  ombookingFrist: sourced(
    dateText,
    'STAR P1b (field); the name from P4',
    "The rebooking deadline, a Copenhagen date; on create not before today nor after the meeting's date (5105); only when ombookingMulig (90009). SOAP ReBookingDeadline shows the end of that day, or the meeting's start if earlier.",
  ).optional(),
  aflysningMulig: sourced(
    z.boolean(),
    'STAR P1b, P5 (field); the name ours',
    'The citizen may cancel (SOAP CancellationPossible).',
  ),
  aflysningsfrist: sourced(
    dateText,
    'STAR P1b, P5 (field); the name from P4',
    "The cancellation deadline, a Copenhagen date; on create not before today nor after the meeting's date (5105); only when aflysningMulig (90014). SOAP CancellationDeadline shows the end of that day, or the meeting's start if earlier.",
  ).optional(),
  moedeOrganisation: sourced(
    ActiveOrganisationDto,
    'ours',
    'The organisation holding the meeting (SOAP MeetingOrganisation).',
  ),
  moedested: sourced(
    z.string().min(1).max(500),
    'ours',
    'Where the meeting is held (SOAP MeetingLocation).',
  ).optional(),
  sagsbehandlerNavn: sourced(
    z.string().min(1).max(140),
    'ours',
    "The caseworker's name (SOAP CaseworkerName).",
  ).optional(),
  oprindelsessystemId: sourced(
    z.string().min(1).max(64),
    'ours',
    "The caller's own id for the meeting (SOAP OriginSystemIdentifier).",
  ).optional(),
};

export const IndkaldelseDto = sourced(
  z.strictObject(indkaldelseFields),
  'STAR P1, P1b, P2, P4 (the documented names); the others ours',
  "A meeting (indkaldelse) as CreateIndkaldelse and UpdateIndkaldelse take it: the whole meeting. The citizen's CPR is the x-civilregistrationIdentifier header, never a body field (STAR P1).",
);

/** CreateMyndighedsdeltager's and UpdateMyndighedsdeltager's body, exactly STAR's (REST.md §4). */
const myndighedsdeltagerFields = {
  indkaldelseIdentifier: sourced(
    uuidText,
    'STAR P3',
    'The indkaldelse the authority participant joins; an update may not change it (1014, ours).',
  ),
  navn: sourced(z.string().min(1).max(256), 'STAR P3', "The participant's name.").optional(),
  kontaktdetaljer: sourced(z.string().min(1).max(256), 'STAR P3', 'How to reach the participant.').optional(),
  telefonnummer: sourced(
    z.string().regex(/^(\+)?[0-9]{3,20}$/, { error: 'a telephone number: an optional + and 3 to 20 digits' }),
    'STAR P3',
    "The participant's telephone number.",
  ).optional(),
  email: sourced(
    z.email({ error: 'an e-mail address' }),
    'STAR P3',
    "The participant's e-mail address.",
  ).optional(),
};

export const CreateMyndighedsdeltagerRequestDto = sourced(
  z.strictObject(myndighedsdeltagerFields),
  'STAR P3',
  'An authority participant (myndighedsdeltager) of an indkaldelse; no further field of STAR P3 is known.',
);

export const MyndighedsdeltagerReadDto = sourced(
  z.strictObject({
    myndighedsdeltagerId: sourced(
      uuidText,
      'STAR P3',
      "The participant's id, chosen by the client on create.",
    ),
    ...myndighedsdeltagerFields,
    oprettetTidspunkt: dateTime('ours', 'When the participant was added.'),
    senestAendretTidspunkt: dateTime('ours', 'When the participant last changed.'),
  }),
  'STAR P3 (the request fields); the others ours',
  'An authority participant as read.',
);

const serviceRequestLogReferenceIdentifier = sourced(
  uuidText,
  'STAR (CONTRACT.md, every response)',
  "The call's key in the audit log; also the X-ServiceRequestLogReferenceIdentifier header.",
);

export const IndkaldelseReadDto = sourced(
  z.strictObject({
    ...indkaldelseFields,
    moedeSluttidspunkt: dateTime(
      'STAR P4 (name), P1b (type)',
      'The meeting end (SOAP BookingEndTime): as given, or as the emulator computed it.',
    ),
    selvbooket: sourced(z.boolean(), 'STAR P1b, P2', 'Booked by the citizen (SOAP SelfBooked).'),
    skalAccepteres: sourced(
      z.boolean(),
      'STAR P5 (field); the name ours',
      'The citizen must accept the meeting (SOAP CitizenShouldAcceptBooking).',
    ),
    indkaldelseId: sourced(uuidText, 'STAR P1, P20', "The meeting's id (SOAP BookingIdentifier)."),
    personnummer: sourced(cprText, 'ours', "The citizen's CPR (SOAP PersonCivilRegistrationIdentifier)."),
    status: sourced(
      z.enum(['Aktiv', 'Aflyst']),
      'ours',
      'Aktiv, or Aflyst once deleted (cancelled and kept) (SOAP BookingStatus Active, Cancelled).',
    ),
    oprettetTidspunkt: dateTime('ours', 'When the meeting was created (SOAP CreatedDateTime).'),
    senestAendretTidspunkt: dateTime('ours', 'When the meeting last changed (SOAP LastChangedDateTime).'),
    oprindelse: sourced(
      z.strictObject({
        organisationType: sourced(int32, 'STAR P5', 'The creating organisation type.'),
        organisationCode: sourced(int32, 'STAR P5', 'The creating organisation code, an integer.'),
      }),
      'STAR P5 (shape); the name ours',
      'Who created the meeting, BK-ORIGINATOR (SOAP BookingOriginator).',
    ),
    oprettetAf: sourced(
      RequestUserMetadataDto,
      'ours (epic 905.3)',
      'The X-RequestUserMetadata of the creating call, BK-OWNER-META (SOAP CreatedByRequestUserMetadata).',
    ),
    myndighedsdeltagere: sourced(
      z.array(MyndighedsdeltagerReadDto),
      'ours',
      "The meeting's authority participants, maybe none. Not in SOAP.",
    ),
  }),
  'STAR P1, P1b, P2, P4, P5, P20 (the documented names); the others ours',
  'A meeting as read (GetIndkaldelse, GetIndkaldelser, the history): IndkaldelseDto plus what the emulator keeps. REST-only fields are absent from SOAP reads.',
);

export const IndkaldelseshistorikDto = sourced(
  z.strictObject({
    tidspunkt: dateTime('ours', 'When the change was made.'),
    aendringstype: sourced(
      int32.min(1).max(3),
      'STAR P20',
      "STAR's Aendringstype: 1 Create, 2 Update (SOAP's UpdateBooking and RescheduleBooking too), 3 Delete.",
    ),
    aktivOrganisation: sourced(ActiveOrganisationDto, 'ours', 'The X-ActiveOrganisation of the change.'),
    requestUserMetadata: sourced(RequestUserMetadataDto, 'ours', 'The X-RequestUserMetadata of the change.'),
    indkaldelse: sourced(IndkaldelseReadDto, 'ours', 'The meeting as it was right after the change.'),
  }),
  'STAR P20 (aendringstype); the others ours',
  "One change of a meeting, through REST or SOAP, with the caller's metadata.",
);

export const IndkaldelserDto = sourced(
  z.strictObject({
    indkaldelser: sourced(
      z.array(IndkaldelseReadDto),
      'ours',
      'The meetings starting in the period (both bounds included), cancelled ones too, by start.',
    ),
  }),
  'ours',
  "GetIndkaldelser's answer.",
);

export const IndkaldelseshistorikListeDto = sourced(
  z.strictObject({
    historik: sourced(z.array(IndkaldelseshistorikDto), 'ours', 'The changes, oldest first.'),
  }),
  'ours',
  "GetIndkaldelseshistorik's answer.",
);

export const CreateIndkaldelseResponseDto = sourced(
  z.strictObject({
    indkaldelseId: sourced(uuidText, 'STAR P1', "The new meeting's id, as in the path."),
    serviceRequestLogReferenceIdentifier,
  }),
  'ours',
  "CreateIndkaldelse's answer.",
);

export const CreateMyndighedsdeltagerResponseDto = sourced(
  z.strictObject({
    myndighedsdeltagerId: sourced(uuidText, 'STAR P3', "The new participant's id, as in the path."),
    serviceRequestLogReferenceIdentifier,
  }),
  'ours',
  "CreateMyndighedsdeltager's answer.",
);

export const WriteResponseDto = sourced(
  z.strictObject({ serviceRequestLogReferenceIdentifier }),
  'ours',
  'The answer of an update or delete.',
);

export type IndkaldelseDto = z.infer<typeof IndkaldelseDto>;
export type IndkaldelseReadDto = z.infer<typeof IndkaldelseReadDto>;
export type CreateMyndighedsdeltagerRequestDto = z.infer<typeof CreateMyndighedsdeltagerRequestDto>;
export type MyndighedsdeltagerReadDto = z.infer<typeof MyndighedsdeltagerReadDto>;
export type IndkaldelseshistorikDto = z.infer<typeof IndkaldelseshistorikDto>;
