/**
 * Reads an ISO-8601 duration such as "P7D", "PT36H" or "P7DT1S" into milliseconds, for advancing
 * the emulator's clock. Strict: the designators in ISO order, each at most once, whole numbers
 * except a decimal fraction of seconds, and a leading "-" to go back in time (as xs:duration).
 * Years and months are refused: they have no fixed length, and a test that advances "P1M" would
 * pass or fail by the month it runs in. A day is 24 hours, also across a daylight-saving change.
 */
export const parseIsoDuration = (text: string): number | Error => {
  const m = DURATION.exec(text);
  if (!m?.groups) return new Error(`"${text}" is not an ISO-8601 duration such as P7D, PT1H30M or P7DT1S`);
  const { sign, years, months, weeks, days, time, hours, minutes, seconds } = m.groups;
  if (years !== undefined || months !== undefined) {
    return new Error(`"${text}": years and months have no fixed length; give days (P30D) instead`);
  }
  if (time !== undefined && hours === undefined && minutes === undefined && seconds === undefined) {
    return new Error(`"${text}": a "T" must be followed by hours, minutes or seconds`);
  }
  if ([weeks, days, hours, minutes, seconds].every((part) => part === undefined)) {
    return new Error(`"${text}" names no amount of time; e.g. P1D or PT10M`);
  }
  const ms =
    num(weeks) * WEEK + num(days) * DAY + num(hours) * HOUR + num(minutes) * MINUTE + num(seconds) * 1000;
  if (!Number.isSafeInteger(Math.round(ms))) return new Error(`"${text}" is too long a duration`);
  return (sign === '-' ? -1 : 1) * Math.round(ms);
};

const DURATION =
  /^(?<sign>-)?P(?:(?<years>\d+)Y)?(?:(?<months>\d+)M)?(?:(?<weeks>\d+)W)?(?:(?<days>\d+)D)?(?<time>T(?:(?<hours>\d+)H)?(?:(?<minutes>\d+)M)?(?:(?<seconds>\d+(?:[.,]\d{1,3})?)S)?)?$/;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

const num = (part: string | undefined): number => (part === undefined ? 0 : Number(part.replace(',', '.')));
