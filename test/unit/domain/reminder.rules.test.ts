import { REMINDER_LEAD_MS, reminderFor } from '../../../src/domain/reminder.rules';
import { buildBooking, buildCitizenMetadata, ORG } from '../../helpers/builders';

const at = (iso: string): Date => new Date(iso);

it('When an active caseworker booking is judged, then its reminder is due exactly 24 hours before the start', () => {
  expect(REMINDER_LEAD_MS).toBe(24 * 3600 * 1000);
  expect(reminderFor(buildBooking({ start: at('2026-03-10T09:00:00Z') }))).toEqual({
    remindAt: at('2026-03-09T09:00:00Z'),
  });
});

it('When the 24 hours before a meeting span the switch to summer time, then the reminder is 24 elapsed hours before, not the same wall-clock time the day before', () => {
  // 10:00 CEST on Monday 30 March 2026; 24 h earlier is 09:00 CET on Sunday 29 March.
  expect(reminderFor(buildBooking({ start: at('2026-03-30T10:00:00+02:00') }))).toEqual({
    remindAt: at('2026-03-29T08:00:00Z'),
  });
});

it('When a booking is cancelled, then it has no reminder', () => {
  expect(reminderFor(buildBooking({ status: 'Cancelled' }))).toBeNull();
});

it('When a booking was created self-booked by a system other than Jobnet, then it has no reminder, whatever its SelfBooked flag says now', () => {
  const citizenCreator = {
    organisation: ORG.akasse17,
    metadata: buildCitizenMetadata(undefined, ORG.akasse17.type),
    system: '2-17',
  };
  expect(
    reminderFor(
      buildBooking({ selfBooked: true, createdSelfBookedOutsideStar: true, creator: citizenCreator }),
    ),
  ).toBeNull();
  expect(
    reminderFor(
      buildBooking({ selfBooked: false, createdSelfBookedOutsideStar: true, creator: citizenCreator }),
    ),
  ).toBeNull();
});

it('When a booking was self-booked on Jobnet, or carries a stale SelfBooked=true without having been created self-booked outside STAR, then it gets a reminder', () => {
  const start = at('2026-03-12T12:00:00Z');
  const jobnetCreator = {
    organisation: ORG.jobnet,
    metadata: buildCitizenMetadata(undefined, ORG.jobnet.type),
    system: '5-4',
  };
  expect(
    reminderFor(
      buildBooking({ start, selfBooked: true, createdSelfBookedOutsideStar: false, creator: jobnetCreator }),
    ),
  ).toEqual({ remindAt: at('2026-03-11T12:00:00Z') });
  expect(reminderFor(buildBooking({ start, selfBooked: true, createdSelfBookedOutsideStar: false }))).toEqual(
    {
      remindAt: at('2026-03-11T12:00:00Z'),
    },
  );
});

it('When a booking starts within the next 24 hours, then its reminder time lies before the start by the full lead, even if already past', () => {
  const start = at('2026-03-02T10:00:00Z');
  expect(reminderFor(buildBooking({ start }))?.remindAt).toEqual(at('2026-03-01T10:00:00Z'));
});
