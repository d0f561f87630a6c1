/**
 * A WSRM receiver that keeps picking up (CreateSequence, GetBookings, then TerminateSequence or now
 * and then CloseSequence), logging each pickup with the client-side times it knew the sequence open.
 * Several pollers for one receiver on several server processes race for WSRM-ONE-OPEN.
 */
import type { Org, User } from '../../helpers/envelope';
import type { CertificateName } from '../../helpers/test-certificates';
import { allTags, sleep, SoapConnections, textOfTag, verdictOf, wsrmXml } from './soap-traffic';

export interface Pickup {
  readonly receiver: string;
  readonly via: string;
  readonly id: string;
  /** After the CreateSequence answer arrived: the server had opened it by then. */
  readonly openedAt: number;
  /** Before the Terminate/Close was sent: the server still had it open then. */
  readonly endedAt: number;
  readonly how: 'TerminateSequence' | 'CloseSequence';
  readonly messages: readonly { readonly messageId: string; readonly bookingId: string }[];
}

export interface PollerStats {
  /** CreateSequence answered 5200 WSRM-ONE-OPEN: another poller had the receiver's pickup open. */
  oneOpenRefusals: number;
  /** Any other fault or a broken answer, in words. */
  unexpected: string[];
}

const receiverKey = (o: Org): string => `${o.type}/${o.code}`;

/** The BookingMessages of a GetBookings answer: each one's MessageIdentifier and its booking's id. */
export const messagesIn = (body: string): { messageId: string; bookingId: string }[] =>
  body
    .split(/<(?:[\w.-]+:)?BookingMessage[\s>]/)
    .slice(1)
    .map((part) => ({
      messageId: textOfTag(part, 'MessageIdentifier') ?? '',
      bookingId: allTags(part, 'BookingIdentifier')[0] ?? '',
    }));

export const pollWsrm = async (options: {
  readonly soapUrl: string;
  readonly via: string;
  readonly cert: CertificateName;
  readonly receiver: Org;
  readonly user: User;
  readonly shouldStop: () => boolean;
  readonly pickups: Pickup[];
  readonly stats: PollerStats;
  readonly closeShare?: number;
}): Promise<void> => {
  const connections = new SoapConnections(options.soapUrl, options.cert, 1);
  const call = (operation: string, identifier?: string) =>
    connections.post(
      'BookingWsrmMessageService',
      operation,
      wsrmXml(operation, options.receiver, options.user, identifier),
    );
  try {
    while (!options.shouldStop()) {
      const opened = verdictOf(await call('CreateSequence'));
      if (opened.kind === 'fault' && opened.code === 5200) {
        options.stats.oneOpenRefusals++;
        await sleep(2);
        continue;
      }
      if (opened.kind !== 'ok') {
        options.stats.unexpected.push(`CreateSequence: ${JSON.stringify(opened).slice(0, 300)}`);
        await sleep(20);
        continue;
      }
      const id = textOfTag(opened.body, 'Identifier') ?? '';
      const openedAt = Date.now();
      const read = verdictOf(await call('GetBookings', id));
      const messages = read.kind === 'ok' ? messagesIn(read.body) : [];
      if (read.kind !== 'ok')
        options.stats.unexpected.push(`GetBookings: ${JSON.stringify(read).slice(0, 300)}`);
      const how = Math.random() < (options.closeShare ?? 0.15) ? 'CloseSequence' : 'TerminateSequence';
      const endedAt = Date.now();
      const ended = verdictOf(await call(how, id));
      if (ended.kind !== 'ok') {
        options.stats.unexpected.push(`${how}: ${JSON.stringify(ended).slice(0, 300)}`);
        continue;
      }
      options.pickups.push({
        receiver: receiverKey(options.receiver),
        via: options.via,
        id,
        openedAt,
        endedAt,
        how,
        messages,
      });
      if (messages.length === 0) await sleep(5);
    }
  } finally {
    connections.close();
  }
};

/** Pairs of pickups of one receiver whose open times overlap (WSRM-ONE-OPEN broken), in words. */
export const overlappingPickups = (pickups: readonly Pickup[]): string[] => {
  const overlaps: string[] = [];
  const byReceiver = new Map<string, Pickup[]>();
  for (const p of pickups) byReceiver.set(p.receiver, [...(byReceiver.get(p.receiver) ?? []), p]);
  for (const list of byReceiver.values()) {
    const sorted = [...list].sort((a, b) => a.openedAt - b.openedAt);
    for (let i = 1; i < sorted.length; i++) {
      const [prev, cur] = [sorted[i - 1] as Pickup, sorted[i] as Pickup];
      if (cur.openedAt < prev.endedAt)
        overlaps.push(`${prev.receiver}: ${prev.id} (via ${prev.via}) and ${cur.id} (via ${cur.via})`);
    }
  }
  return overlaps;
};

/** Booking ids delivered in terminated (acknowledged) pickups, per receiver, with repeats kept. */
export const acknowledgedDeliveries = (pickups: readonly Pickup[], receiver: Org): string[] =>
  pickups
    .filter((p) => p.receiver === receiverKey(receiver) && p.how === 'TerminateSequence')
    .flatMap((p) => p.messages.map((m) => m.bookingId));
