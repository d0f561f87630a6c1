import { z } from 'zod';
import type { WsrmMessage } from '../../store/wsrm.repository';
import { BookingView, bookingView } from './booking.view';
import { OrganisationView } from './organisation.view';
import { RequestUserMetadataView } from './request-user-metadata.view';

/** A queued WSRM message (BK-WSRM) with its WSRMMetadata and the booking as it was when queued. */
export const WsrmMessageView = z.object({
  messageId: z.string(),
  receiver: OrganisationView,
  clientSystem: z.string().describe('ClientSystemIdentifier: the calling certificate name'),
  registeringAuthority: OrganisationView,
  registeringUser: RequestUserMetadataView,
  queuedAt: z.string(),
  booking: BookingView,
});

export const wsrmMessageView = (m: WsrmMessage, starCvr: string): z.input<typeof WsrmMessageView> => ({
  messageId: m.messageId,
  receiver: m.receiver,
  clientSystem: m.clientSystem,
  registeringAuthority: m.registeringAuthority,
  registeringUser: m.registeringUser,
  queuedAt: m.queuedAt.toISOString(),
  booking: bookingView(m.booking, starCvr),
});
