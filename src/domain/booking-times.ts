import { parseXsDateTime } from './copenhagen-time';

/** The booking's times a client writes; each is answered as it was written (CONTRACT.md). */
export const BOOKING_TIMES = [
  'start',
  'end',
  'acceptedTime',
  'rebookingDeadline',
  'cancellationDeadline',
] as const;
export type BookingTime = (typeof BOOKING_TIMES)[number];

/**
 * The lexical form each time was written in: with its offset or none, and every fraction digit (a
 * .NET client writes seven). The rules read the instant parsed from it; a time without an offset is
 * Copenhagen time (copenhagen-time.ts).
 */
export type WrittenTimes = Partial<Record<BookingTime, string>>;

type Timed = Partial<Record<BookingTime, Date | undefined>> & {
  readonly writtenTimes?: WrittenTimes | undefined;
};

/**
 * A time for an answer: the text the client wrote, while it still names the instant the booking
 * holds (so a text and its instant cannot drift apart, whatever changed the booking); otherwise, for
 * a time no client wrote (an older release's booking, a fixture), ISO-8601 in UTC, as before.
 */
export const asWritten = (instant: Date, text: string | undefined): string =>
  text !== undefined && parseXsDateTime(text)?.getTime() === instant.getTime() ? text : instant.toISOString();

/** One of a booking's times for an answer (asWritten), or undefined when the booking has none. */
export const timeAsWritten = (b: Timed, field: BookingTime): string | undefined => {
  const instant = b[field];
  return instant ? asWritten(instant, b.writtenTimes?.[field]) : undefined;
};
