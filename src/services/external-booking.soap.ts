import { optionalBoolean, optionalTime, readTime, writtenTimesOf } from './booking-xml';
import { cancelBooking, rescheduleBooking } from './booking.use-cases';
import { bookingActorOf, referenceIdXml, withHeaders, type OperationHandler } from './call-context';
import { optionalText, requiredText } from './xml-read';

/**
 * ExternalBookingService's SOAP face, used by external planner and booking systems: the same use
 * cases, security model, store and history as BookingService (booking.use-cases.ts).
 */
const rescheduleBookingSoap: OperationHandler = (ctx, deps) => {
  const call = withHeaders(ctx);
  const { payload } = call;
  const ns = call.service.schemaNamespace;
  const times = {
    start: readTime(payload, ns, 'BookingStartTime'),
    end: readTime(payload, ns, 'BookingEndTime'),
    rebookingDeadline: optionalTime(payload, ns, 'ReBookingDeadline'),
    cancellationDeadline: optionalTime(payload, ns, 'CancellationDeadline'),
  };
  const booking = rescheduleBooking(
    bookingActorOf(call),
    {
      id: requiredText(payload, ns, 'BookingIdentifier').trim(),
      change: {
        start: times.start.instant,
        end: times.end.instant,
        rebookingPossible: optionalBoolean(payload, ns, 'ReBookingPossible'),
        rebookingDeadline: times.rebookingDeadline?.instant,
        cancellationPossible: optionalBoolean(payload, ns, 'CancellationPossible'),
        cancellationDeadline: times.cancellationDeadline?.instant,
        meetingLocation: optionalText(payload, ns, 'MeetingLocation'),
        writtenTimes: writtenTimesOf(times),
      },
    },
    deps,
  );
  return { response: [referenceIdXml(call)], cprs: [booking.cpr] };
};

const cancelBookingSoap: OperationHandler = (ctx, deps) => {
  const call = withHeaders(ctx);
  const ns = call.service.schemaNamespace;
  const booking = cancelBooking(
    bookingActorOf(call),
    {
      id: requiredText(call.payload, ns, 'BookingIdentifier').trim(),
      reason: optionalText(call.payload, ns, 'CancellationReason'),
    },
    deps,
  );
  return { response: [referenceIdXml(call)], cprs: [booking.cpr] };
};

export const externalBookingServiceHandlers: Readonly<Record<string, OperationHandler>> = {
  RescheduleBooking: rescheduleBookingSoap,
  CancelBooking: cancelBookingSoap,
};
