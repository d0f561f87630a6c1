/**
 * The operations of Kontaktforloeb.IndkaldelseService (REST.md §3) on the booking use cases: each
 * maps its checked JSON to the use case's input and the use case's data to the read form. No booking
 * rule is judged here but the REST-only ones (REST-FIELDS, REST-STATE, REST-KILDESYSTEM) in their
 * places of REST.md §5's order; every write goes through the use cases and so through saveChange
 * (history, reminders, WSRM and push messages).
 */
import type { Booking } from '../domain/booking';
import { cprMatchesBooking, isVisibleTo } from '../domain/booking.rules';
import { validBooking } from '../domain/booking-validity.rules';
import { DfdgFault } from '../domain/errors';
import {
  createBooking,
  deleteBooking,
  getBookingDetails,
  getBookings,
  updateBooking,
  type BookingActor,
} from '../services/booking.use-cases';
import { check, findVisibleBooking, saveChange } from '../services/booking-writes';
import type { OperationDeps } from '../services/call-context';
import { canonicalUuid } from '../domain/uuid';
import { parseXsDateTime } from '../domain/copenhagen-time';
import type {
  CreateMyndighedsdeltagerRequestDto,
  IndkaldelseDto,
  IndkaldelseReadDto,
  IndkaldelseshistorikDto,
} from './indkaldelse.dto';
import {
  bookingFieldsOf,
  historikEntry,
  indkaldelseReadForm,
  type Myndighedsdeltager,
} from './indkaldelse-mapping';
import { deadlineDatesOnCreate, type DeadlineWrite } from './rest-deadlines';
import { kildesystemRule, restFieldsRule, restStateRule } from './rest.rules';

/** A checked REST call as an operation sees it (steps 1-6 passed). */
export interface RestOperationInput {
  readonly actor: BookingActor;
  /** The certificate's system type (REST-KILDESYSTEM); null when not registered with one. */
  readonly systemType: number | null;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, unknown>>;
  /** The x-civilregistrationIdentifier header. */
  readonly cpr: string;
  readonly body: unknown;
}

/** What an operation answers: the HTTP status, the JSON body, and the CPR numbers it read or wrote. */
export interface RestOutcome {
  readonly status: 200 | 201;
  readonly body: unknown;
  /** The created resource (201). */
  readonly location?: string;
  readonly cprs: readonly string[];
}

export type RestOperation = (input: RestOperationInput, deps: OperationDeps) => RestOutcome;

/** The meeting's read form, with its authority participants as they are now. */
const readForm = (b: Booking, deps: OperationDeps): IndkaldelseReadDto =>
  indkaldelseReadForm(b, deps.store.myndighedsdeltagere.ofBooking(b.id), deps.starCvr);

/** A PUT replaces the whole meeting: an optional field left out is cleared, not kept. */
const CLEARED = {
  originSystemIdentifier: undefined,
  meetingLocation: undefined,
  digitalMeetingLink: undefined,
  caseworkerName: undefined,
  accepted: undefined,
  acceptedTime: undefined,
  rebookingDeadline: undefined,
  cancellationDeadline: undefined,
  groupMeetingId: undefined,
  durationMinutes: undefined,
  sourceSystemType: undefined,
} as const;

const written = (input: RestOperationInput, write: DeadlineWrite) => {
  const dto = input.body as IndkaldelseDto;
  return { dto, fields: bookingFieldsOf(input.params.indkaldelseId ?? '', input.cpr, dto, write) };
};

/** BK-VALID, then REST-FIELDS right after it (REST.md §5, step 7). */
const checkFields = (input: RestOperationInput, deps: OperationDeps, write: DeadlineWrite) => {
  const { dto, fields } = written(input, write);
  check(validBooking(fields, deps.store.codelists.current()));
  check(restFieldsRule(dto));
  return fields;
};

const writeAnswer = (input: RestOperationInput, cpr: string): RestOutcome => ({
  status: 200,
  body: { serviceRequestLogReferenceIdentifier: input.actor.referenceId },
  cprs: [cpr],
});

/**
 * BK-DEADLINES-CREATE, refused by the create's rules in its place, told in the dates the client
 * sent (REST.md §9) rather than the instants they became; the rules that passed before it stay.
 */
const withDeadlineDates = <T>(
  input: RestOperationInput,
  start: Date,
  deps: OperationDeps,
  create: () => T,
): T => {
  try {
    return create();
  } catch (error) {
    if (!(error instanceof DfdgFault) || error.spec.ruleId !== 'BK-DEADLINES-CREATE') throw error;
    const asDates = deadlineDatesOnCreate(input.body as IndkaldelseDto, start, deps.clock.now());
    throw asDates ? DfdgFault.of(asDates).after(error.passedBefore) : error;
  }
};

const createIndkaldelse: RestOperation = (input, deps) => {
  const id = canonicalUuid(input.params.indkaldelseId ?? '');
  // An id in use is a conflict over REST (409), whoever's meeting it is.
  if (deps.store.bookings.find(id))
    throw new DfdgFault('BK-VALID-ID-TAKEN', `indkaldelse ${id} already exists`);
  const fields = checkFields(input, deps, 'create');
  const { bookingId } = withDeadlineDates(input, fields.start, deps, () =>
    createBooking(input.actor, fields, deps),
  );
  return {
    status: 201,
    body: { indkaldelseId: bookingId, serviceRequestLogReferenceIdentifier: input.actor.referenceId },
    location: `/v2/Indkaldelse/${bookingId}`,
    cprs: [fields.cpr],
  };
};

/** The meeting an Update or Delete changes: visible, the CPR header's, not cancelled, of this system. */
const changeable = (input: RestOperationInput, deps: OperationDeps, operation: string): Booking => {
  const existing = findVisibleBooking(input.actor, deps, input.params.indkaldelseId ?? '');
  check(cprMatchesBooking(input.cpr, existing));
  check(restStateRule(existing, operation));
  check(kildesystemRule({ id: existing.id, kildesystemType: existing.sourceSystemType }, input.systemType));
  return existing;
};

const updateIndkaldelse: RestOperation = (input, deps) => {
  const fields = checkFields(input, deps, 'update');
  changeable(input, deps, 'UpdateIndkaldelse');
  updateBooking(input.actor, { ...CLEARED, ...fields }, deps);
  return writeAnswer(input, fields.cpr);
};

const deleteIndkaldelse: RestOperation = (input, deps) => {
  const existing = changeable(input, deps, 'DeleteIndkaldelse');
  deleteBooking(input.actor, { id: existing.id, cpr: input.cpr }, deps);
  return writeAnswer(input, input.cpr);
};

/**
 * The meeting a read names: visible to the caller (else 90036, as an unknown id), then the CPR
 * header's (else 8107, BK-CPR-MATCH: REST.md §3 gives GetIndkaldelse and its historik both codes).
 */
const readable = (input: RestOperationInput, deps: OperationDeps): Booking => {
  const booking = getBookingDetails(input.actor, input.params.indkaldelseId ?? '', deps);
  check(cprMatchesBooking(input.cpr, booking));
  return booking;
};

const getIndkaldelse: RestOperation = (input, deps) => {
  const booking = readable(input, deps);
  return { status: 200, body: readForm(booking, deps), cprs: [booking.cpr] };
};

const instantOf = (value: unknown): Date | undefined =>
  typeof value === 'string' ? (parseXsDateTime(value) ?? undefined) : undefined;

const getIndkaldelser: RestOperation = (input, deps) => {
  const bookings = getBookings(
    input.actor,
    { cpr: input.cpr, from: instantOf(input.query.periodeStart), to: instantOf(input.query.periodeSlut) },
    deps,
  );
  return {
    status: 200,
    body: { indkaldelser: bookings.map((b) => readForm(b, deps)) },
    cprs: [input.cpr],
  };
};

/**
 * The historik of one meeting, oldest first, each entry with the meeting and its participants as
 * that change left them; what a row kept before snapshots (or before their participants) lacks is
 * shown as it is now, the best the store knows.
 */
const historikOf = (booking: Booking, deps: OperationDeps): IndkaldelseshistorikDto[] => {
  let now: readonly Myndighedsdeltager[] | undefined;
  const current = (): readonly Myndighedsdeltager[] =>
    (now ??= deps.store.myndighedsdeltagere.ofBooking(booking.id));
  return deps.store.bookings
    .historyWithSnapshots(booking.id)
    .map(({ entry, after, participants }) =>
      historikEntry(entry, indkaldelseReadForm(after ?? booking, participants ?? current(), deps.starCvr)),
    );
};

const getIndkaldelseshistorik: RestOperation = (input, deps) => {
  const booking = readable(input, deps);
  return { status: 200, body: { historik: historikOf(booking, deps) }, cprs: [booking.cpr] };
};

/** Every meeting of the citizen the caller may see (VIS-AKASSE), each one's history, by time. */
const getIndkaldelseshistorikForBorger: RestOperation = (input, deps) => {
  const codeLists = deps.store.codelists.current();
  const historik = deps.store.bookings
    .listByCpr(input.cpr)
    .filter((b) => isVisibleTo(input.actor.activeOrganisation, b, codeLists))
    .flatMap((b) => historikOf(b, deps))
    .sort((a, b) => Date.parse(a.tidspunkt) - Date.parse(b.tidspunkt));
  return { status: 200, body: { historik }, cprs: [input.cpr] };
};

/**
 * The meeting a participant write changes: visible to the caller (else 90036), the CPR header's, not
 * cancelled (REST-STATE, 409).
 */
const meetingOfParticipant = (
  input: RestOperationInput,
  deps: OperationDeps,
  indkaldelseId: string,
  operation: string,
): Booking => {
  const meeting = findVisibleBooking(input.actor, deps, indkaldelseId);
  check(cprMatchesBooking(input.cpr, meeting));
  check(restStateRule(meeting, operation));
  return meeting;
};

/**
 * A participant write is a change of its meeting (REST.md §3): a history entry, WSRM and push
 * messages, through the same saveChange as every booking write.
 */
const touch = (input: RestOperationInput, deps: OperationDeps, meeting: Booking): void =>
  saveChange(input.actor, deps, { ...meeting, lastChangedAt: deps.clock.now() }, 'Updated');

const participantParam = (input: RestOperationInput): string =>
  canonicalUuid(input.params.myndighedsdeltagerid ?? '');

const createMyndighedsdeltager: RestOperation = (input, deps) => {
  const dto = input.body as CreateMyndighedsdeltagerRequestDto;
  const id = participantParam(input);
  const meeting = meetingOfParticipant(input, deps, dto.indkaldelseIdentifier, 'CreateMyndighedsdeltager');
  if (deps.store.myndighedsdeltagere.find(id))
    throw new DfdgFault('BK-VALID-ID-TAKEN', `myndighedsdeltager ${id} already exists`);
  const now = deps.clock.now();
  deps.store.myndighedsdeltagere.save({
    ...participantFields(dto),
    id,
    indkaldelseId: meeting.id,
    createdAt: now,
    lastChangedAt: now,
  });
  touch(input, deps, meeting);
  return {
    status: 201,
    body: { myndighedsdeltagerId: id, serviceRequestLogReferenceIdentifier: input.actor.referenceId },
    cprs: [meeting.cpr],
  };
};

/** The participant an Update or Delete names (REST-MD-NOT-FOUND, 5301), with its meeting. */
const existingParticipant = (input: RestOperationInput, deps: OperationDeps, operation: string) => {
  const id = participantParam(input);
  const participant = deps.store.myndighedsdeltagere.find(id);
  if (!participant) throw new DfdgFault('REST-MD-NOT-FOUND', `no myndighedsdeltager ${id}`);
  let meeting: Booking;
  try {
    meeting = meetingOfParticipant(input, deps, participant.indkaldelseId, operation);
  } catch (error) {
    // A participant of a meeting the caller may not see is, to the caller, not there either.
    if (error instanceof DfdgFault && error.key === 'BK-NOT-FOUND')
      throw new DfdgFault('REST-MD-NOT-FOUND', `no myndighedsdeltager ${id}`);
    throw error;
  }
  return { participant, meeting };
};

const updateMyndighedsdeltager: RestOperation = (input, deps) => {
  const dto = input.body as CreateMyndighedsdeltagerRequestDto;
  const { participant, meeting } = existingParticipant(input, deps, 'UpdateMyndighedsdeltager');
  if (canonicalUuid(dto.indkaldelseIdentifier) !== participant.indkaldelseId) {
    throw new DfdgFault(
      'REQ-OPENAPI',
      `/indkaldelseIdentifier: myndighedsdeltager ${participant.id} belongs to indkaldelse ${participant.indkaldelseId}; an update cannot move it`,
    );
  }
  deps.store.myndighedsdeltagere.save({
    ...participantFields(dto),
    id: participant.id,
    indkaldelseId: participant.indkaldelseId,
    createdAt: participant.createdAt,
    lastChangedAt: deps.clock.now(),
  });
  touch(input, deps, meeting);
  return writeAnswer(input, meeting.cpr);
};

const deleteMyndighedsdeltager: RestOperation = (input, deps) => {
  const { participant, meeting } = existingParticipant(input, deps, 'DeleteMyndighedsdeltager');
  deps.store.myndighedsdeltagere.remove(participant.id);
  touch(input, deps, meeting);
  return writeAnswer(input, meeting.cpr);
};

const participantFields = (dto: CreateMyndighedsdeltagerRequestDto) => ({
  ...(dto.navn === undefined ? {} : { navn: dto.navn }),
  ...(dto.kontaktdetaljer === undefined ? {} : { kontaktdetaljer: dto.kontaktdetaljer }),
  ...(dto.telefonnummer === undefined ? {} : { telefonnummer: dto.telefonnummer }),
  ...(dto.email === undefined ? {} : { email: dto.email }),
});

/** The operations by the route table's operationId; openapi.json is served by the face itself. */
export const INDKALDELSE_OPERATIONS: Readonly<Record<string, RestOperation>> = {
  CreateIndkaldelse: createIndkaldelse,
  UpdateIndkaldelse: updateIndkaldelse,
  DeleteIndkaldelse: deleteIndkaldelse,
  GetIndkaldelse: getIndkaldelse,
  GetIndkaldelser: getIndkaldelser,
  GetIndkaldelseshistorik: getIndkaldelseshistorik,
  GetIndkaldelseshistorikForBorger: getIndkaldelseshistorikForBorger,
  CreateMyndighedsdeltager: createMyndighedsdeltager,
  UpdateMyndighedsdeltager: updateMyndighedsdeltager,
  DeleteMyndighedsdeltager: deleteMyndighedsdeltager,
};
