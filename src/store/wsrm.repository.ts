import type { Booking } from '../domain/booking';
import type { Organisation } from '../domain/organisation';
import type { RequestUserMetadata } from '../domain/request-user-metadata';
import { canonicalUuid } from '../domain/uuid';
import type { Db } from './db';
import { lastOnce, requestUserMetadataJson } from './stringified-once';

/** A notification queued for one receiving organisation (BK-WSRM), with the booking as it was then. */
export interface WsrmMessage {
  readonly messageId: string;
  readonly receiver: Organisation;
  readonly clientSystem: string;
  readonly registeringAuthority: Organisation;
  readonly registeringUser: RequestUserMetadata;
  readonly queuedAt: Date;
  readonly booking: Booking;
}

export interface WsrmSequence {
  readonly id: string;
  readonly receiver: Organisation;
  readonly state: 'Open' | 'Closed' | 'Terminated';
}

interface MessageRow {
  message_id: string;
  receiver_type: number;
  receiver_code: string;
  client_system: string;
  authority_type: number;
  authority_code: string;
  registering_user: string;
  queued_at: string;
  booking: string;
}

const BOOKING_DATES = [
  'start',
  'end',
  'acceptedTime',
  'rebookingDeadline',
  'cancellationDeadline',
  'createdAt',
  'lastChangedAt',
] as const;

/** The booking as queued: its dates are top-level fields, turned back into Dates one by one. */
const reviveBooking = (json: string): Booking => {
  const booking = JSON.parse(json) as Record<string, unknown>;
  for (const key of BOOKING_DATES) {
    const value = booking[key];
    if (typeof value === 'string') booking[key] = new Date(value);
  }
  return booking as unknown as Booking;
};

/** The WSRM queues and their pickups (sequences); statements prepared once. */
export class WsrmRepository {
  private readonly enqueueStmt;
  private readonly openSequenceStmt;
  private readonly createSequenceStmt;
  private readonly assignStmt;
  private readonly sequenceStmt;
  private readonly messagesOfSequenceStmt;
  private readonly deleteDeliveredStmt;
  private readonly releaseStmt;
  private readonly endSequenceStmt;
  private readonly queueStmt;

  constructor(db: Db) {
    this.enqueueStmt = db.prepare(
      `INSERT INTO wsrm_messages (message_id, receiver_type, receiver_code, booking_id, client_system, authority_type,
         authority_code, registering_user, queued_at, booking) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.openSequenceStmt = db.prepare<[number, string], { id: string }>(
      "SELECT id FROM wsrm_sequences WHERE receiver_type = ? AND receiver_code = ? AND state = 'Open'",
    );
    this.createSequenceStmt = db.prepare(
      "INSERT INTO wsrm_sequences (id, receiver_type, receiver_code, state, created_at) VALUES (?, ?, ?, 'Open', ?)",
    );
    this.assignStmt = db.prepare(
      `UPDATE wsrm_messages SET sequence_id = ? WHERE id IN (SELECT id FROM wsrm_messages
         WHERE receiver_type = ? AND receiver_code = ? AND sequence_id IS NULL ORDER BY id LIMIT ?)`,
    );
    this.sequenceStmt = db.prepare<
      [string],
      { id: string; receiver_type: number; receiver_code: string; state: WsrmSequence['state'] }
    >('SELECT id, receiver_type, receiver_code, state FROM wsrm_sequences WHERE id = ?');
    this.messagesOfSequenceStmt = db.prepare<[string], MessageRow>(
      'SELECT * FROM wsrm_messages WHERE sequence_id = ? ORDER BY id',
    );
    this.deleteDeliveredStmt = db.prepare('DELETE FROM wsrm_messages WHERE sequence_id = ?');
    this.releaseStmt = db.prepare('UPDATE wsrm_messages SET sequence_id = NULL WHERE sequence_id = ?');
    this.endSequenceStmt = db.prepare('UPDATE wsrm_sequences SET state = ?, ended_at = ? WHERE id = ?');
    this.queueStmt = db.prepare<[number, string], MessageRow>(
      'SELECT * FROM wsrm_messages WHERE receiver_type = ? AND receiver_code = ? ORDER BY id',
    );
  }

  /** A change's booking goes to each receiver: its JSON is made once for them all. */
  private readonly bookingJson = lastOnce((booking: Booking) => JSON.stringify(booking));

  enqueue(bookingId: string, m: WsrmMessage): void {
    this.enqueueStmt.run(
      m.messageId,
      m.receiver.type,
      m.receiver.code,
      bookingId,
      m.clientSystem,
      m.registeringAuthority.type,
      m.registeringAuthority.code,
      requestUserMetadataJson(m.registeringUser),
      m.queuedAt.toISOString(),
      this.bookingJson(m.booking),
    );
  }

  openSequenceOf(receiver: Organisation): string | undefined {
    return this.openSequenceStmt.get(receiver.type, receiver.code)?.id;
  }

  /** Opens a pickup holding the oldest undelivered messages, at most `limit`; returns how many. */
  openSequence(id: string, receiver: Organisation, now: Date, limit: number): number {
    this.createSequenceStmt.run(id, receiver.type, receiver.code, now.toISOString());
    return this.assignStmt.run(id, receiver.type, receiver.code, limit).changes;
  }

  /** The sequence with this identifier, in whichever case it is written (the emulator makes them in lower case). */
  sequence(id: string): WsrmSequence | undefined {
    const row = this.sequenceStmt.get(canonicalUuid(id));
    return row
      ? { id: row.id, receiver: { type: row.receiver_type, code: row.receiver_code }, state: row.state }
      : undefined;
  }

  messagesOf(sequenceId: string): WsrmMessage[] {
    return this.messagesOfSequenceStmt.all(sequenceId).map(fromRow);
  }

  /** Acknowledged: the delivered messages are gone. */
  terminate(sequenceId: string, now: Date): void {
    this.deleteDeliveredStmt.run(sequenceId);
    this.endSequenceStmt.run('Terminated', now.toISOString(), sequenceId);
  }

  /** Aborted: the messages are delivered again in the next pickup. */
  close(sequenceId: string, now: Date): void {
    this.releaseStmt.run(sequenceId);
    this.endSequenceStmt.run('Closed', now.toISOString(), sequenceId);
  }

  /** Everything queued for a receiver, delivered or not (for inspection). */
  queueOf(receiver: Organisation): WsrmMessage[] {
    return this.queueStmt.all(receiver.type, receiver.code).map(fromRow);
  }
}

const fromRow = (r: MessageRow): WsrmMessage => ({
  messageId: r.message_id,
  receiver: { type: r.receiver_type, code: r.receiver_code },
  clientSystem: r.client_system,
  registeringAuthority: { type: r.authority_type, code: r.authority_code },
  registeringUser: JSON.parse(r.registering_user) as RequestUserMetadata,
  queuedAt: new Date(r.queued_at),
  booking: reviveBooking(r.booking),
});
