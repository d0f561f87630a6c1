import { z } from 'zod';
import type { Booking } from '../../domain/booking';
import { originatorOf } from '../../domain/booking-originator.rules';
import { BOOKING_TIMES, timeAsWritten } from '../../domain/booking-times';
import { OrganisationView } from './organisation.view';
import { RequestUserMetadataView } from './request-user-metadata.view';

const instant = z.string().describe('ISO-8601 instant (UTC)');

/**
 * A booking in read form (BookingReadType, CONTRACT.md) as JSON: what GetBookingDetails answers,
 * with absent optional elements as null so a script sees every field.
 */
export const BookingView = z.object({
  id: z.string(),
  originSystemIdentifier: z.string().nullable(),
  cpr: z.string(),
  interviewType: z.number().int(),
  contactType: z.number().int().describe('InterviewContactTypeIdentifier: the meeting form'),
  formType: z.number().int().describe('InterviewFormTypeIdentifier: individual or group meeting'),
  start: instant,
  end: instant,
  meetingOrganisation: OrganisationView,
  meetingLocation: z.string().nullable(),
  digitalMeetingLink: z.string().nullable(),
  caseworkerName: z.string().nullable(),
  compulsoryAttendance: z.boolean(),
  selfBooked: z.boolean(),
  citizenShouldAcceptBooking: z.boolean().nullable(),
  accepted: z.boolean().nullable(),
  acceptedTime: instant.nullable(),
  rebookingPossible: z.boolean(),
  rebookingDeadline: instant.nullable(),
  cancellationPossible: z.boolean(),
  cancellationDeadline: instant.nullable(),
  timesAsWritten: z
    .object(Object.fromEntries(BOOKING_TIMES.map((t) => [t, z.string().nullable()])))
    .describe('each time as the SOAP answers give it: as the client wrote it (offset, fraction)'),
  status: z.enum(['Active', 'Cancelled']),
  cancellationReason: z.string().nullable(),
  createdAt: instant,
  lastChangedAt: instant,
  originator: OrganisationView.describe('BookingOriginator (BK-ORIGINATOR)'),
  createdBy: RequestUserMetadataView.describe('CreatedByRequestUserMetadata (BK-OWNER-META)'),
  createdBySystem: z.string().describe('the name the creating certificate is registered under'),
});

const isoOrNull = (d: Date | undefined): string | null => (d ? d.toISOString() : null);

export const bookingView = (b: Booking, starCvr: string): z.input<typeof BookingView> => ({
  id: b.id,
  originSystemIdentifier: b.originSystemIdentifier ?? null,
  cpr: b.cpr,
  interviewType: b.interviewType,
  contactType: b.contactType,
  formType: b.formType,
  start: b.start.toISOString(),
  end: b.end.toISOString(),
  meetingOrganisation: b.meetingOrganisation,
  meetingLocation: b.meetingLocation ?? null,
  digitalMeetingLink: b.digitalMeetingLink ?? null,
  caseworkerName: b.caseworkerName ?? null,
  compulsoryAttendance: b.compulsoryAttendance,
  selfBooked: b.selfBooked,
  citizenShouldAcceptBooking: b.citizenShouldAcceptBooking ?? null,
  accepted: b.accepted ?? null,
  acceptedTime: isoOrNull(b.acceptedTime),
  rebookingPossible: b.rebookingPossible,
  rebookingDeadline: isoOrNull(b.rebookingDeadline),
  cancellationPossible: b.cancellationPossible,
  cancellationDeadline: isoOrNull(b.cancellationDeadline),
  timesAsWritten: Object.fromEntries(BOOKING_TIMES.map((t) => [t, timeAsWritten(b, t) ?? null])),
  status: b.status,
  cancellationReason: b.cancellationReason ?? null,
  createdAt: b.createdAt.toISOString(),
  lastChangedAt: b.lastChangedAt.toISOString(),
  originator: originatorOf(b, starCvr),
  createdBy: b.creator.metadata,
  createdBySystem: b.creator.system,
});
