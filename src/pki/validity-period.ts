export interface ValidityOptions {
  notBefore?: Date | undefined;
  notAfter?: Date | undefined;
}

export interface ValidityPeriod {
  notBefore: Date;
  notAfter: Date;
}

const ONE_DAY_MS = 24 * 60 * 60 * 1000;

/** `date` moved forward by whole years and days (calendar-aware for years). */
export function addLifetime(date: Date, lifetime: { years?: number; days?: number }): Date {
  const result = new Date(date.getTime() + (lifetime.days ?? 0) * ONE_DAY_MS);
  result.setUTCFullYear(result.getUTCFullYear() + (lifetime.years ?? 0));
  return result;
}

/**
 * Fills in missing validity bounds.
 *
 * notBefore defaults to one day ago so that a peer whose clock lags slightly still accepts a
 * certificate issued a moment earlier. When only notAfter is given and already lies in the
 * past (tests building an expired certificate), notBefore moves back before it; when only a
 * future notBefore is given (a not-yet-valid certificate), the lifetime counts from it.
 */
export function validityPeriod(
  options: ValidityOptions,
  lifetime: { years?: number; days?: number },
  now: Date = new Date(),
): ValidityPeriod {
  const oneDayAgo = new Date(now.getTime() - ONE_DAY_MS);
  const notBefore =
    options.notBefore ??
    (options.notAfter !== undefined && options.notAfter.getTime() <= oneDayAgo.getTime()
      ? new Date(options.notAfter.getTime() - ONE_DAY_MS)
      : oneDayAgo);
  const notAfter =
    options.notAfter ?? addLifetime(notBefore.getTime() > now.getTime() ? notBefore : now, lifetime);
  if (notBefore.getTime() >= notAfter.getTime()) {
    throw new RangeError(
      `notBefore (${notBefore.toISOString()}) must be earlier than notAfter (${notAfter.toISOString()})`,
    );
  }
  return { notBefore, notAfter };
}
