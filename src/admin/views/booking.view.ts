import { z } from 'zod';
import type { Booking } from '../../domain/booking';
import { bookingOriginator } from '../../domain/booking.rules';
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
  start: instant,
  end: instant,
  meetingOrganisation: OrganisationView,
  meetingLocation: z.string().nullable(),
  caseworkerName: z.string().nullable(),
  selfBooked: z.boolean(),
  accepted: z.boolean().nullable(),
  acceptedTime: instant.nullable(),
  rebookingDeadline: instant.nullable(),
  cancellationDeadline: instant.nullable(),
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
  start: b.start.toISOString(),
  end: b.end.toISOString(),
  meetingOrganisation: b.meetingOrganisation,
  meetingLocation: b.meetingLocation ?? null,
  caseworkerName: b.caseworkerName ?? null,
  selfBooked: b.selfBooked,
  accepted: b.accepted ?? null,
  acceptedTime: isoOrNull(b.acceptedTime),
  rebookingDeadline: isoOrNull(b.rebookingDeadline),
  cancellationDeadline: isoOrNull(b.cancellationDeadline),
  status: b.status,
  cancellationReason: b.cancellationReason ?? null,
  createdAt: b.createdAt.toISOString(),
  lastChangedAt: b.lastChangedAt.toISOString(),
  originator: bookingOriginator(b.creator.organisation, starCvr),
  createdBy: b.creator.metadata,
  createdBySystem: b.creator.system,
});
