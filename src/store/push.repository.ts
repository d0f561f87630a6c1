import type { PushMessageType, PushSubscription } from '../domain/push.rules';
import type { Db } from './db';

/** A subscription as stored: the rules' part plus where and how to reach the subscriber. */
export interface StoredSubscription extends PushSubscription {
  readonly url: string;
  /** The CA the subscriber's server certificate must chain to; null: the dev CA. */
  readonly serverCaPem: string | null;
  readonly createdAt: Date;
}

export type PushStatus = 'pending' | 'delivered' | 'abandoned';

/** One message for one subscription, as queued in the change's transaction. */
export interface QueuedPushMessage {
  readonly messageId: string;
  readonly subscription: string;
  readonly messageType: PushMessageType;
  readonly aendringstype: number;
  /** The JSON text to send, fixed when queued. */
  readonly body: string;
  readonly queuedAt: Date;
}

export interface PushMessage extends QueuedPushMessage {
  readonly seq: number;
  readonly status: PushStatus;
  readonly nextAttemptAt: Date | null;
  readonly firstAttemptAt: Date | null;
  readonly attempts: number;
}

export interface PushAttempt {
  readonly messageId: string;
  readonly subscription: string;
  readonly messageType: PushMessageType;
  readonly aendringstype: number;
  readonly attempt: number;
  readonly time: Date;
  readonly outcome: string;
  readonly httpStatus: number | null;
  /** The message's status right after this attempt (REST.md §9). */
  readonly status: PushStatus;
  readonly nextAttemptAt: Date | null;
}

export interface AttemptFilter {
  readonly subscription?: string | undefined;
  readonly messageType?: string | undefined;
  readonly status?: string | undefined;
  readonly limit: number;
}

interface SubscriptionRow {
  name: string;
  organisation_type: number;
  organisation_code: string;
  message_types: string;
  url: string;
  server_ca: string | null;
  created_at: string;
}

interface MessageRow {
  seq: number;
  message_id: string;
  subscription: string;
  message_type: string;
  aendringstype: number;
  body: string;
  queued_at: string;
  status: PushStatus;
  next_attempt_at: string | null;
  first_attempt_at: string | null;
  attempts: number;
}

interface AttemptRow {
  message_id: string;
  subscription: string;
  message_type: string;
  aendringstype: number;
  attempt: number;
  time: string;
  outcome: string;
  http_status: number | null;
  status_after: PushStatus;
  next_attempt_at: string | null;
}

const dateOrNull = (text: string | null): Date | null => (text === null ? null : new Date(text));

const toSubscription = (r: SubscriptionRow): StoredSubscription => ({
  name: r.name,
  organisation: { type: r.organisation_type, code: r.organisation_code },
  messageTypes: JSON.parse(r.message_types) as PushMessageType[],
  url: r.url,
  serverCaPem: r.server_ca,
  createdAt: new Date(r.created_at),
});

const toMessage = (r: MessageRow): PushMessage => ({
  seq: r.seq,
  messageId: r.message_id,
  subscription: r.subscription,
  messageType: r.message_type as PushMessageType,
  aendringstype: r.aendringstype,
  body: r.body,
  queuedAt: new Date(r.queued_at),
  status: r.status,
  nextAttemptAt: dateOrNull(r.next_attempt_at),
  firstAttemptAt: dateOrNull(r.first_attempt_at),
  attempts: r.attempts,
});

const toAttempt = (r: AttemptRow): PushAttempt => ({
  messageId: r.message_id,
  subscription: r.subscription,
  messageType: r.message_type as PushMessageType,
  aendringstype: r.aendringstype,
  attempt: r.attempt,
  time: new Date(r.time),
  outcome: r.outcome,
  httpStatus: r.http_status,
  status: r.status_after,
  nextAttemptAt: dateOrNull(r.next_attempt_at),
});

/** What an attempt changed: its record, and the message's state after it. */
export interface AttemptRecord {
  readonly seq: number;
  readonly time: Date;
  readonly outcome: string;
  readonly httpStatus?: number | undefined;
  readonly status: PushStatus;
  readonly nextAttemptAt: Date | null;
}

/**
 * The head of each subscription's queue (strict order: a pending message holds back the later ones),
 * if its attempt is due; a subscription deleted since has no head. It walks the subscriptions and
 * seeks each one's head in the pending index, so its cost does not grow with the outbox: the worker
 * runs it after every turn that queued a message, and the outbox keeps every delivered message and
 * grows by one per change and subscriber (a scan of it blocked the event loop for 50 ms at 10,000).
 */
export const PUSH_DUE_SQL = `SELECT m.* FROM push_subscriptions s
  JOIN push_messages m ON m.seq = (
    SELECT seq FROM push_messages WHERE subscription = s.name AND status = 'pending' ORDER BY seq LIMIT 1)
  WHERE m.next_attempt_at <= ?
  ORDER BY m.seq`;

/** The push outbox: subscriptions, the messages queued for them, and every delivery attempt. */
export class PushRepository {
  private readonly upsertSubscriptionStmt;
  private readonly subscriptionStmt;
  private readonly subscriptionsStmt;
  private readonly deleteSubscriptionStmt;
  private readonly enqueueStmt;
  private readonly dueStmt;
  private readonly messageStmt;
  private readonly attemptsOfStmt;
  private readonly attemptStmt;
  private readonly updateMessageStmt;
  private readonly attemptsStmt;
  private readonly earliestDueStmt;
  private readonly retryStmt;
  private readonly headOfStmt;
  private readonly existsStmt;
  private readonly dataVersionStmt;

  constructor(db: Db) {
    this.dataVersionStmt = db.prepare('PRAGMA data_version').pluck();
    this.upsertSubscriptionStmt = db.prepare(
      `INSERT INTO push_subscriptions (name, organisation_type, organisation_code, message_types, url, server_ca, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET organisation_type = excluded.organisation_type,
         organisation_code = excluded.organisation_code, message_types = excluded.message_types,
         url = excluded.url, server_ca = excluded.server_ca`,
    );
    this.subscriptionStmt = db.prepare<[string], SubscriptionRow>(
      'SELECT * FROM push_subscriptions WHERE name = ?',
    );
    this.subscriptionsStmt = db.prepare<[], SubscriptionRow>(
      'SELECT * FROM push_subscriptions ORDER BY name',
    );
    this.deleteSubscriptionStmt = db.prepare('DELETE FROM push_subscriptions WHERE name = ?');
    this.enqueueStmt = db.prepare(
      `INSERT INTO push_messages (message_id, subscription, message_type, aendringstype, body, queued_at, status, next_attempt_at)
       VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)`,
    );
    this.dueStmt = db.prepare<[string], MessageRow>(PUSH_DUE_SQL);
    this.earliestDueStmt = db.prepare<[], { at: string | null }>(
      `SELECT MIN(next_attempt_at) AS at FROM push_messages m JOIN push_subscriptions s ON s.name = m.subscription
       WHERE m.status = 'pending'`,
    );
    this.messageStmt = db.prepare<[string], MessageRow>('SELECT * FROM push_messages WHERE message_id = ?');
    this.attemptsOfStmt = db.prepare<[number], AttemptRow>(
      `SELECT m.message_id, m.subscription, m.message_type, m.aendringstype, a.attempt, a.time, a.outcome,
         a.http_status, a.status_after, a.next_attempt_at
       FROM push_attempts a JOIN push_messages m ON m.seq = a.message_seq WHERE a.message_seq = ? ORDER BY a.attempt`,
    );
    this.attemptStmt = db.prepare(
      `INSERT INTO push_attempts (message_seq, attempt, time, outcome, http_status, status_after, next_attempt_at)
       VALUES (?, (SELECT attempts + 1 FROM push_messages WHERE seq = ?), ?, ?, ?, ?, ?)`,
    );
    this.updateMessageStmt = db.prepare(
      `UPDATE push_messages SET attempts = attempts + 1, status = ?, next_attempt_at = ?,
         first_attempt_at = COALESCE(first_attempt_at, ?) WHERE seq = ?`,
    );
    this.attemptsStmt = db.prepare<[string, string, string, string, string, string, number], AttemptRow>(
      `SELECT m.message_id, m.subscription, m.message_type, m.aendringstype, a.attempt, a.time, a.outcome,
         a.http_status, a.status_after, a.next_attempt_at
       FROM push_attempts a JOIN push_messages m ON m.seq = a.message_seq
       WHERE (? = '' OR m.subscription = ?) AND (? = '' OR m.message_type = ?) AND (? = '' OR a.status_after = ?)
       ORDER BY a.time DESC, a.message_seq DESC, a.attempt DESC LIMIT ?`,
    );
    this.headOfStmt = db.prepare<[string, string], MessageRow>(
      `SELECT * FROM push_messages WHERE subscription = ? AND status = 'pending' AND next_attempt_at <= ?
       ORDER BY seq LIMIT 1`,
    );
    this.existsStmt = db.prepare<[number], { seq: number }>('SELECT seq FROM push_messages WHERE seq = ?');
    this.retryStmt = db.prepare(
      `UPDATE push_messages SET status = 'pending', next_attempt_at = ?, first_attempt_at = NULL
       WHERE message_id = ? AND status <> 'delivered'`,
    );
  }

  saveSubscription(s: StoredSubscription): void {
    this.subscriptionsCache = null;
    this.upsertSubscriptionStmt.run(
      s.name,
      s.organisation.type,
      s.organisation.code,
      JSON.stringify(s.messageTypes),
      s.url,
      s.serverCaPem,
      s.createdAt.toISOString(),
    );
  }

  subscription(name: string): StoredSubscription | undefined {
    const row = this.subscriptionStmt.get(name);
    return row ? toSubscription(row) : undefined;
  }

  /**
   * Every subscription, by name. Every booking write asks (for its push recipients), and the list
   * changes only through saveSubscription and deleteSubscription, a reset (forget), or another
   * connection's commit (the CLI's `fixtures load`; SQLite's data_version tells): it is read once
   * and kept until one of those.
   */
  subscriptions(): readonly StoredSubscription[] {
    const dataVersion = this.dataVersionStmt.get();
    if (this.subscriptionsCache === null || dataVersion !== this.cachedDataVersion) {
      this.subscriptionsCache = this.subscriptionsStmt.all().map(toSubscription);
      this.cachedDataVersion = dataVersion;
    }
    return this.subscriptionsCache;
  }

  private subscriptionsCache: readonly StoredSubscription[] | null = null;
  private cachedDataVersion: unknown = null;

  /** Drops what is kept of the table (after POST /admin/reset emptied it underneath). */
  forget(): void {
    this.subscriptionsCache = null;
  }

  /** True if there was one. Its queued messages stay, for the record, and are no longer tried. */
  deleteSubscription(name: string): boolean {
    this.subscriptionsCache = null;
    return this.deleteSubscriptionStmt.run(name).changes > 0;
  }

  /** Queues messages, each due at once; call it inside the change's transaction. */
  enqueue(messages: readonly QueuedPushMessage[]): void {
    for (const m of messages) {
      const at = m.queuedAt.toISOString();
      this.enqueueStmt.run(m.messageId, m.subscription, m.messageType, m.aendringstype, m.body, at, at);
    }
    if (messages.length > 0) for (const listener of this.enqueueListeners) listener();
  }

  /**
   * Tells `listener` that messages were queued. It is called inside the writer's transaction, before
   * the commit: a listener must only schedule work for later (the delivery worker reads once the
   * transaction has committed).
   */
  onEnqueue(listener: () => void): void {
    this.enqueueListeners.push(listener);
  }

  private readonly enqueueListeners: (() => void)[] = [];

  /** The head of each subscription's queue whose attempt is due at `now`. */
  due(now: Date): PushMessage[] {
    return this.dueStmt.all(now.toISOString()).map(toMessage);
  }

  /** The head of one subscription's queue, if its attempt is due at `now`. */
  dueOf(subscription: string, now: Date): PushMessage | undefined {
    const row = this.headOfStmt.get(subscription, now.toISOString());
    return row ? toMessage(row) : undefined;
  }

  /** When the earliest pending attempt falls due, if any is pending. */
  earliestDue(): Date | null {
    return dateOrNull(this.earliestDueStmt.get()?.at ?? null);
  }

  message(messageId: string): (PushMessage & { readonly attemptList: PushAttempt[] }) | undefined {
    const row = this.messageStmt.get(messageId);
    if (!row) return undefined;
    return { ...toMessage(row), attemptList: this.attemptsOfStmt.all(row.seq).map(toAttempt) };
  }

  /** Records an attempt; false when the message is gone meanwhile (POST /admin/reset). */
  recordAttempt(r: AttemptRecord): boolean {
    if (!this.existsStmt.get(r.seq)) return false;
    const next = r.nextAttemptAt?.toISOString() ?? null;
    const time = r.time.toISOString();
    this.attemptStmt.run(r.seq, r.seq, time, r.outcome, r.httpStatus ?? null, r.status, next);
    this.updateMessageStmt.run(r.status, next, time, r.seq);
    return true;
  }

  /** Every attempt, newest first (GET /admin/deliveries). */
  attempts(filter: AttemptFilter): PushAttempt[] {
    const sub = filter.subscription ?? '';
    const type = filter.messageType ?? '';
    const status = filter.status ?? '';
    return this.attemptsStmt.all(sub, sub, type, type, status, status, filter.limit).map(toAttempt);
  }

  /**
   * Makes a message due again at `at` (POST /admin/deliveries/{id}/retry), an abandoned one too: its
   * 24 hours start again from the next attempt. A delivered message is not sent twice.
   */
  retry(messageId: string, at: Date): boolean {
    return this.retryStmt.run(at.toISOString(), messageId).changes > 0;
  }
}
