import { z } from 'zod';
import type { Reminder } from '../../store/reminder.repository';

/** A Huskeservice reminder (BK-REMINDER); `due` once the emulator's clock has passed remindAt. */
export const ReminderView = z.object({
  bookingId: z.string(),
  cpr: z.string(),
  remindAt: z.string(),
  meetingStart: z.string(),
  scheduledAt: z.string(),
  due: z.boolean(),
});

export const reminderView = (r: Reminder, now: Date): z.input<typeof ReminderView> => ({
  bookingId: r.bookingId,
  cpr: r.cpr,
  remindAt: r.remindAt.toISOString(),
  meetingStart: r.meetingStart.toISOString(),
  scheduledAt: r.scheduledAt.toISOString(),
  due: r.remindAt.getTime() <= now.getTime(),
});
