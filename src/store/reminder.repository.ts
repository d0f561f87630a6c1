import type { Booking } from '../domain/booking';
import { reminderFor } from '../domain/reminder.rules';
import type { Db } from './db';

export interface Reminder {
  readonly bookingId: string;
  readonly cpr: string;
  readonly remindAt: Date;
  readonly meetingStart: Date;
  readonly scheduledAt: Date;
}

interface ReminderRow {
  booking_id: string;
  cpr: string;
  remind_at: string;
  meeting_start: string;
  scheduled_at: string;
}

/** BK-REMINDER: the Huskeservice reminders the emulator would send (one per booking at most). */
export class ReminderRepository {
  private readonly upsertStmt;
  private readonly deleteStmt;
  private readonly findStmt;
  private readonly listStmt;

  constructor(db: Db) {
    this.upsertStmt = db.prepare(
      `INSERT INTO reminders (booking_id, cpr, remind_at, meeting_start, scheduled_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (booking_id) DO UPDATE SET remind_at = excluded.remind_at, meeting_start = excluded.meeting_start,
         scheduled_at = excluded.scheduled_at`,
    );
    this.deleteStmt = db.prepare('DELETE FROM reminders WHERE booking_id = ?');
    this.findStmt = db.prepare<[string], ReminderRow>('SELECT * FROM reminders WHERE booking_id = ?');
    this.listStmt = db.prepare<[string, string], ReminderRow>(
      "SELECT * FROM reminders WHERE (? = '' OR cpr = ?) ORDER BY remind_at, booking_id",
    );
  }

  /** Brings a booking's reminder in line with the booking (BK-REMINDER): scheduled, moved or removed. */
  syncWith(booking: Booking): void {
    const reminder = reminderFor(booking);
    if (!reminder) this.remove(booking.id);
    else {
      this.schedule({
        bookingId: booking.id,
        cpr: booking.cpr,
        remindAt: reminder.remindAt,
        meetingStart: booking.start,
        scheduledAt: booking.lastChangedAt,
      });
    }
  }

  schedule(r: Reminder): void {
    this.upsertStmt.run(
      r.bookingId,
      r.cpr,
      r.remindAt.toISOString(),
      r.meetingStart.toISOString(),
      r.scheduledAt.toISOString(),
    );
  }

  remove(bookingId: string): void {
    this.deleteStmt.run(bookingId);
  }

  find(bookingId: string): Reminder | undefined {
    const row = this.findStmt.get(bookingId);
    return row ? fromRow(row) : undefined;
  }

  list(cpr = ''): Reminder[] {
    return this.listStmt.all(cpr, cpr).map(fromRow);
  }
}

const fromRow = (r: ReminderRow): Reminder => ({
  bookingId: r.booking_id,
  cpr: r.cpr,
  remindAt: new Date(r.remind_at),
  meetingStart: new Date(r.meeting_start),
  scheduledAt: new Date(r.scheduled_at),
});
