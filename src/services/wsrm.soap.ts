import { randomUUID } from 'node:crypto';
import { isVisibleTo } from '../domain/booking.rules';
import { DfdgFault } from '../domain/errors';
import { formatOrganisation, sameOrganisation } from '../domain/organisation';
import { WSRM_PICKUP_LIMIT } from '../domain/wsrm.rules';
import { el } from '../soap/xml-writer';
import type { WsrmSequence } from '../store/wsrm.repository';
import { bookingReadXml, organisationXml, requestUserMetadataXml } from './booking-xml';
import {
  referenceIdXml,
  withHeaders,
  type AuthorisedCall,
  type OperationDeps,
  type OperationHandler,
} from './call-context';
import { requiredText } from './xml-read';

/**
 * BookingWsrmMessageService: the receiver (the caller's ActiveOrganisation) polls its queue in
 * pickups. CreateSequence takes up to 500 waiting messages; TerminateSequence acknowledges (they are
 * deleted), CloseSequence aborts (they come again next time). One open pickup per receiver.
 */
const createSequence: OperationHandler = (ctx, deps) => {
  const call = withHeaders(ctx);
  const receiver = call.headers.activeOrganisation;
  const open = deps.store.wsrm.openSequenceOf(receiver);
  if (open) {
    throw new DfdgFault(
      'WSRM-ONE-OPEN',
      `receiver ${formatOrganisation(receiver)} has an open sequence ${open}`,
    );
  }
  const id = randomUUID();
  const count = deps.store.wsrm.openSequence(id, receiver, deps.clock.now(), WSRM_PICKUP_LIMIT);
  const ns = call.service.schemaNamespace;
  return {
    response: [el(ns, 'Identifier', id), el(ns, 'MessageCount', count), referenceIdXml(call)],
    cprs: [],
  };
};

/** WSRM-UNKNOWN: unknown, another receiver's, or no longer open: one answer for all, so ids do not leak. */
const openSequenceOfCaller = (call: AuthorisedCall, deps: OperationDeps): WsrmSequence => {
  const id = requiredText(call.payload, call.service.schemaNamespace, 'Identifier').trim();
  const sequence = deps.store.wsrm.sequence(id);
  if (
    !sequence ||
    sequence.state !== 'Open' ||
    !sameOrganisation(sequence.receiver, call.headers.activeOrganisation)
  ) {
    throw new DfdgFault(
      'WSRM-UNKNOWN',
      `no open sequence ${id} for ${formatOrganisation(call.headers.activeOrganisation)}`,
    );
  }
  return sequence;
};

const getBookings: OperationHandler = (ctx, deps) => {
  const call = withHeaders(ctx);
  const ns = call.service.schemaNamespace;
  const sequence = openSequenceOfCaller(call, deps);
  const codeLists = deps.store.codelists.current();
  const messages = deps.store.wsrm
    .messagesOf(sequence.id)
    .filter((m) => isVisibleTo(call.headers.activeOrganisation, m.booking, codeLists));
  return {
    response: [
      ...messages.map((m) =>
        el(ns, 'BookingMessage', [
          el(ns, 'WSRMMetadata', [
            el(ns, 'MessageIdentifier', m.messageId),
            el(ns, 'ClientSystemIdentifier', m.clientSystem),
            organisationXml(ns, 'RegisteringAuthority', m.registeringAuthority),
            requestUserMetadataXml(ns, 'RegisteringUser', m.registeringUser),
            el(ns, 'MessageQueuedDateTime', m.queuedAt.toISOString()),
          ]),
          bookingReadXml(ns, 'Booking', m.booking, deps.starCvr),
        ]),
      ),
      referenceIdXml(call),
    ],
    cprs: [...new Set(messages.map((m) => m.booking.cpr))],
  };
};

const terminateSequence: OperationHandler = (ctx, deps) => {
  const call = withHeaders(ctx);
  deps.store.wsrm.terminate(openSequenceOfCaller(call, deps).id, deps.clock.now());
  return { response: [referenceIdXml(call)], cprs: [] };
};

const closeSequence: OperationHandler = (ctx, deps) => {
  const call = withHeaders(ctx);
  deps.store.wsrm.close(openSequenceOfCaller(call, deps).id, deps.clock.now());
  return { response: [referenceIdXml(call)], cprs: [] };
};

export const wsrmServiceHandlers: Readonly<Record<string, OperationHandler>> = {
  CreateSequence: createSequence,
  GetBookings: getBookings,
  TerminateSequence: terminateSequence,
  CloseSequence: closeSequence,
};
