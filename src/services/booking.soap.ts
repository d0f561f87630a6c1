import { el } from '../soap/xml-writer';
import { bookingReadXml, readBooking } from './booking-xml';
import {
  createBooking,
  deleteBooking,
  getBookingDetails,
  getBookings,
  updateBooking,
} from './booking.use-cases';
import {
  bookingActorOf,
  referenceIdXml,
  withHeaders,
  type AuthorisedCall,
  type OperationHandler,
} from './call-context';
import { optionalDate, optionalText, requiredChild, requiredText } from './xml-read';

/**
 * BookingService's SOAP face: reads the request's XML into the use case's input and writes its
 * result as the response's XML (booking.use-cases.ts holds the operations themselves).
 */
const payloadBooking = (call: AuthorisedCall) =>
  readBooking(requiredChild(call.payload, call.service.schemaNamespace, 'Booking'));

const bookingIdOf = (call: AuthorisedCall): string =>
  requiredText(call.payload, call.service.schemaNamespace, 'BookingIdentifier').trim();

const createBookingSoap: OperationHandler = (ctx, deps) => {
  const call = withHeaders(ctx);
  const input = payloadBooking(call);
  const { bookingId } = createBooking(bookingActorOf(call), input, deps);
  return {
    response: [el(call.service.schemaNamespace, 'BookingIdentifier', bookingId), referenceIdXml(call)],
    cprs: [input.cpr],
  };
};

const updateBookingSoap: OperationHandler = (ctx, deps) => {
  const call = withHeaders(ctx);
  const updated = updateBooking(bookingActorOf(call), payloadBooking(call), deps);
  return { response: [referenceIdXml(call)], cprs: [updated.cpr] };
};

const deleteBookingSoap: OperationHandler = (ctx, deps) => {
  const call = withHeaders(ctx);
  const ns = call.service.schemaNamespace;
  const cancelled = deleteBooking(
    bookingActorOf(call),
    {
      id: bookingIdOf(call),
      cpr: requiredText(call.payload, ns, 'PersonCivilRegistrationIdentifier').trim(),
      reason: optionalText(call.payload, ns, 'CancellationReason'),
    },
    deps,
  );
  return { response: [referenceIdXml(call)], cprs: [cancelled.cpr] };
};

const getBookingDetailsSoap: OperationHandler = (ctx, deps) => {
  const call = withHeaders(ctx);
  const booking = getBookingDetails(bookingActorOf(call), bookingIdOf(call), deps);
  return {
    response: [
      bookingReadXml(call.service.schemaNamespace, 'Booking', booking, deps.starCvr),
      referenceIdXml(call),
    ],
    cprs: [booking.cpr],
  };
};

const getBookingsSoap: OperationHandler = (ctx, deps) => {
  const call = withHeaders(ctx);
  const ns = call.service.schemaNamespace;
  const cpr = requiredText(call.payload, ns, 'PersonCivilRegistrationIdentifier').trim();
  const bookings = getBookings(
    bookingActorOf(call),
    {
      cpr,
      from: optionalDate(call.payload, ns, 'PeriodStart'),
      to: optionalDate(call.payload, ns, 'PeriodEnd'),
    },
    deps,
  );
  return {
    response: [...bookings.map((b) => bookingReadXml(ns, 'Booking', b, deps.starCvr)), referenceIdXml(call)],
    cprs: [cpr],
  };
};

export const bookingServiceHandlers: Readonly<Record<string, OperationHandler>> = {
  CreateBooking: createBookingSoap,
  UpdateBooking: updateBookingSoap,
  DeleteBooking: deleteBookingSoap,
  GetBookingDetails: getBookingDetailsSoap,
  GetBookings: getBookingsSoap,
};
