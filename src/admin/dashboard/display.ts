/** Times as a Danish user reads them: Copenhagen wall clock, day first, with the zone's abbreviation. */
const format = new Intl.DateTimeFormat('da-DK', {
  timeZone: 'Europe/Copenhagen',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZoneName: 'short',
});

export const copenhagenTime = (instant: Date | string): string => {
  const d = new Date(instant);
  return Number.isNaN(d.getTime()) ? String(instant) : format.format(d);
};
