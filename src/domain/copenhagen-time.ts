/**
 * Danish dates (RULES.md, Time): a deadline is a calendar date in Europe/Copenhagen and ends at the
 * end of that day; a meeting's start is an instant. Offsets come from the platform's tz database.
 */
const ZONE = 'Europe/Copenhagen';

const dateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const partsFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** The Copenhagen calendar date (YYYY-MM-DD) of an instant. */
export const copenhagenDate = (instant: Date): string => dateFormat.format(instant);

/** Copenhagen's offset from UTC at an instant, as the tz database gives it (a slow Intl call). */
const measuredOffsetAt = (instant: Date): number => {
  const p = Object.fromEntries(partsFormat.formatToParts(instant).map((x) => [x.type, Number(x.value)]));
  const asUtc = Date.UTC(
    p.year ?? 0,
    (p.month ?? 1) - 1,
    p.day ?? 1,
    p.hour ?? 0,
    p.minute ?? 0,
    p.second ?? 0,
  );
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
};

const HOUR_MS = 3_600_000;
/** The offset of each UTC hour it is constant through; bounded, as a long-running server reads any date. */
const offsetsByHour = new Map<number, number>();
const MAX_CACHED_HOURS = 100_000;

/**
 * Copenhagen's offset from UTC at an instant, in milliseconds (+1 h in winter, +2 h in summer).
 * Remembered per UTC hour when the hour starts and ends with the same offset (every change of
 * Europe/Copenhagen's offset since 1894 falls on a whole UTC hour), so reading a booking's times
 * does not ask Intl each time; an hour with a change in it is measured every time.
 */
const offsetAt = (instant: Date): number => {
  const hour = Math.floor(instant.getTime() / HOUR_MS);
  const known = offsetsByHour.get(hour);
  if (known !== undefined) return known;
  const offset = measuredOffsetAt(instant);
  const first = new Date(hour * HOUR_MS);
  const last = new Date(hour * HOUR_MS + HOUR_MS - 1000);
  if (measuredOffsetAt(first) === offset && measuredOffsetAt(last) === offset) {
    if (offsetsByHour.size >= MAX_CACHED_HOURS) offsetsByHour.clear();
    offsetsByHour.set(hour, offset);
  }
  return offset;
};

/**
 * An instant as Copenhagen wall-clock time with its offset, e.g. "2026-03-02T10:00:00.000+01:00":
 * the same instant as toISOString(), but read as a Danish user reads the time.
 */
export const copenhagenIsoString = (instant: Date): string => {
  const offset = offsetAt(instant);
  const wallClock = new Date(instant.getTime() + offset).toISOString().slice(0, -1);
  const minutes = Math.abs(offset) / 60_000;
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${wallClock}${offset < 0 ? '-' : '+'}${hh}:${mm}`;
};

/** The instant of a Copenhagen wall-clock time given as UTC fields (the reading, not the instant). */
export const fromCopenhagenWallClock = (wallClockAsUtcMs: number): Date => {
  // Two passes settle the offset also next to a daylight-saving change.
  let guess = wallClockAsUtcMs - offsetAt(new Date(wallClockAsUtcMs));
  guess = wallClockAsUtcMs - offsetAt(new Date(guess));
  return new Date(guess);
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Adds days to a calendar date (YYYY-MM-DD), calendar-wise. */
export const addDays = (date: string, days: number): string => {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days));
  return d.toISOString().slice(0, 10);
};

/** The last instant (23:59:59.999 Copenhagen time) of a calendar date. */
export const endOfCopenhagenDay = (date: string): Date => {
  const next = addDays(date, 1);
  const m = DATE.exec(next);
  if (!m) throw new RangeError(`not a date: ${date}`);
  const start = fromCopenhagenWallClock(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Date(start.getTime() - 1);
};

const DATE_TIME = /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Reads an xs:dateTime. One without a zone is read as Copenhagen wall-clock time, as a Danish
 * service would; returns null for anything that is not a real date and time.
 */
export const parseXsDateTime = (lexical: string): Date | null => {
  const m = DATE_TIME.exec(lexical.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const ms = frac ? Math.round(Number(frac) * 1000) : 0;
  const fields = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  const check = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)) return null;
  // xs:dateTime allows hour 24 only as 24:00:00 (the end of the day).
  if (Number(h) > 24 || Number(mi) > 59 || Number(s) > 59) return null;
  if (Number(h) === 24 && (Number(mi) !== 0 || Number(s) !== 0 || ms !== 0)) return null;
  if (!zone) return fromCopenhagenWallClock(fields);
  if (zone === 'Z') return new Date(fields);
  const sign = zone.startsWith('-') ? -1 : 1;
  const [oh, om] = zone.slice(1).split(':').map(Number);
  return new Date(fields - sign * ((oh ?? 0) * 60 + (om ?? 0)) * 60_000);
};
