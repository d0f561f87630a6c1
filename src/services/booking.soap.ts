import { randomUUID } from 'node:crypto';
import type { Booking } from '../domain/booking';
import {
  bookingCodeListValues,
  cprMatchesBooking,
  createBookingRules,
  futureBookingTypes,
  isVisibleTo,
  validBooking,
} from '../domain/booking.rules';
import { codeListValuesInForce } from '../domain/codelists';
import { deadlinesFulfilledBy } from '../domain/deadline-status.rules';
import { isWellFormedCpr } from '../domain/cpr';
import { DfdgFault, violation } from '../domain/errors';
import { OrganisationType } from '../domain/organisation';
import { el } from '../soap/xml-writer';
import { bookingReadXml, readBooking } from './booking-xml';
import { assertNotCancelled, cancel, check, findVisibleBooking, saveChange } from './booking-writes';
import { referenceIdXml, withHeaders, type CallContext, type OperationHandler } from './call-context';
import { optionalDate, optionalText, requiredChild, requiredText } from './xml-read';

const payloadBooking = (call: CallContext) =>
  readBooking(requiredChild(call.payload, call.service.schemaNamespace, 'Booking'));

const createBooking: OperationHandler = (ctx, deps) => {
  const call = withHeaders(ctx);
  const { activeOrganisation, requestUserMetadata: user } = call.headers;
  const input = payloadBooking(call);
  const now = deps.clock.now();
  const codeLists = deps.store.codelists.current();
  check(codeListValuesInForce(bookingCodeListValues(input), codeLists, now));
  const citizen = deps.store.citizens.find(input.cpr);
  check(
    createBookingRules(
      input,
      { activeOrganisation, user, now },
      {
        idTaken: input.id !== undefined && deps.store.bookings.find(input.id) !== undefined,
        citizen,
        futureBookings: deps.store.bookings.firstActiveAfter(input.cpr, now, futureBookingTypes(input)),
        codeLists,
      },
    ),
  );
  const booking: Booking = {
    ...input,
    id: input.id ?? randomUUID(),
    status: 'Active',
    createdAt: now,
    lastChangedAt: now,
    creator: { organisation: activeOrganisation, metadata: user, system: call.caller.systemName },
    createdSelfBookedOutsideStar: input.selfBooked && activeOrganisation.type !== OrganisationType.Star,
  };
  saveChange(call, deps, booking, 'Created');
  // BK-DEADLINE-STATUS: in the same transaction, so the booking and the deadline it fulfils go together.
  for (const d of deadlinesFulfilledBy(booking, citizen?.selfBookingDeadlines ?? [], now))
    deps.store.citizens.markFulfilled(booking.cpr, d.interviewType, booking.id);
  return {
    response: [el(call.service.schemaNamespace, 'BookingIdentifier', booking.id), referenceIdXml(call)],
    cprs: [booking.cpr],
  };
};

/** BK-DEADLINES-UPDATE: no deadline or self-booking rule runs here; the SelfBooked flag may be stale. */
const updateBooking: OperationHandler = (ctx, deps) => {
  const call = withHeaders(ctx);
  const input = payloadBooking(call);
  const codeLists = deps.store.codelists.current();
  check(codeListValuesInForce(bookingCodeListValues(input), codeLists, deps.clock.now()));
  if (!input.id)
    throw new DfdgFault('BK-VALID', 'UpdateBooking needs the BookingIdentifier of the booking to change');
  check(validBooking(input, codeLists));
  const existing = findVisibleBooking(call, deps, input.id);
  check(cprMatchesBooking(input.cpr, existing));
  assertNotCancelled(existing);
  const updated: Booking = { ...existing, ...input, id: existing.id, lastChangedAt: deps.clock.now() };
  saveChange(call, deps, updated, 'Updated');
  return { response: [referenceIdXml(call)], cprs: [existing.cpr] };
};

const deleteBooking: OperationHandler = (ctx, deps) => {
  const call = withHeaders(ctx);
  const ns = call.service.schemaNamespace;
  const id = requiredText(call.payload, ns, 'BookingIdentifier').trim();
  const cpr = requiredText(call.payload, ns, 'PersonCivilRegistrationIdentifier').trim();
  if (!isWellFormedCpr(cpr))
    throw new DfdgFault('BK-VALID', `PersonCivilRegistrationIdentifier ${cpr} is not a valid CPR number`);
  const existing = findVisibleBooking(call, deps, id);
  check(cprMatchesBooking(cpr, existing));
  cancel(call, deps, existing, optionalText(call.payload, ns, 'CancellationReason'));
  return { response: [referenceIdXml(call)], cprs: [existing.cpr] };
};

const getBookingDetails: OperationHandler = (ctx, deps) => {
  const call = withHeaders(ctx);
  const id = requiredText(call.payload, call.service.schemaNamespace, 'BookingIdentifier').trim();
  const booking = findVisibleBooking(call, deps, id);
  return {
    response: [
      bookingReadXml(call.service.schemaNamespace, 'Booking', booking, deps.starCvr),
      referenceIdXml(call),
    ],
    cprs: [booking.cpr],
  };
};

const getBookings: OperationHandler = (ctx, deps) => {
  const call = withHeaders(ctx);
  const ns = call.service.schemaNamespace;
  const cpr = requiredText(call.payload, ns, 'PersonCivilRegistrationIdentifier').trim();
  const from = optionalDate(call.payload, ns, 'PeriodStart');
  const to = optionalDate(call.payload, ns, 'PeriodEnd');
  if (from && to && from.getTime() > to.getTime())
    check(violation('BK-VALID', 'PeriodStart is after PeriodEnd'));
  const codeLists = deps.store.codelists.current();
  const bookings = deps.store.bookings
    .listByCpr(cpr, from, to)
    .filter((b) => isVisibleTo(call.headers.activeOrganisation, b, codeLists));
  return {
    response: [...bookings.map((b) => bookingReadXml(ns, 'Booking', b, deps.starCvr)), referenceIdXml(call)],
    cprs: [cpr],
  };
};

export const bookingServiceHandlers: Readonly<Record<string, OperationHandler>> = {
  CreateBooking: createBooking,
  UpdateBooking: updateBooking,
  DeleteBooking: deleteBooking,
  GetBookingDetails: getBookingDetails,
  GetBookings: getBookings,
};
