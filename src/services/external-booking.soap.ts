import type { Booking } from '../domain/booking';
import { endsBeforeStart } from '../domain/booking.rules';
import { violation } from '../domain/errors';
import { assertNotCancelled, cancel, check, findVisibleBooking, saveChange } from './booking-writes';
import { referenceIdXml, withHeaders, type OperationHandler } from './call-context';
import { optionalDate, optionalText, requiredText, toDate } from './xml-read';

/**
 * ExternalBookingService, used by external planner and booking systems: the same security model,
 * store and history as BookingService. BK-DEADLINES-UPDATE: a reschedule is not checked against the
 * rebooking deadline, nor against any self-booking rule.
 */
const rescheduleBooking: OperationHandler = (ctx, deps) => {
  const call = withHeaders(ctx);
  const ns = call.service.schemaNamespace;
  const id = requiredText(call.payload, ns, 'BookingIdentifier').trim();
  const start = toDate(requiredText(call.payload, ns, 'BookingStartDateTime'), 'BookingStartDateTime');
  const end = toDate(requiredText(call.payload, ns, 'BookingEndDateTime'), 'BookingEndDateTime');
  if (endsBeforeStart(start, end))
    check(violation('BK-VALID-END', 'BookingEndDateTime is before BookingStartDateTime'));
  const existing = findVisibleBooking(call, deps, id);
  assertNotCancelled(existing);
  const rebookingDeadline = optionalDate(call.payload, ns, 'RebookingDeadlineDateTime');
  const cancellationDeadline = optionalDate(call.payload, ns, 'CancellationDeadlineDateTime');
  const meetingLocation = optionalText(call.payload, ns, 'MeetingLocation');
  const rescheduled: Booking = {
    ...existing,
    start,
    end,
    ...(rebookingDeadline ? { rebookingDeadline } : {}),
    ...(cancellationDeadline ? { cancellationDeadline } : {}),
    ...(meetingLocation !== undefined ? { meetingLocation } : {}),
    lastChangedAt: deps.clock.now(),
  };
  saveChange(call, deps, rescheduled, 'Rescheduled');
  return { response: [referenceIdXml(call)], cprs: [existing.cpr] };
};

const cancelBooking: OperationHandler = (ctx, deps) => {
  const call = withHeaders(ctx);
  const ns = call.service.schemaNamespace;
  const booking = findVisibleBooking(call, deps, requiredText(call.payload, ns, 'BookingIdentifier').trim());
  cancel(call, deps, booking, optionalText(call.payload, ns, 'CancellationReason'));
  return { response: [referenceIdXml(call)], cprs: [booking.cpr] };
};

export const externalBookingServiceHandlers: Readonly<Record<string, OperationHandler>> = {
  RescheduleBooking: rescheduleBooking,
  CancelBooking: cancelBooking,
};
