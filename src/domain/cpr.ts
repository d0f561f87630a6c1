/**
 * STAR's CPR pattern (the OIO CPRPersonCivilRegistrationIdentifierType): ten digits whose first six
 * are a day and month that exist (DDMMYY); no modulus-11 check, as CPR numbers since 2007 need not pass it.
 */
const CPR_PATTERN =
  /^(?:(?:(?:0[1-9]|[12]\d|3[01])(?:01|03|05|07|08|10|12))|(?:(?:0[1-9]|[12]\d|30)(?:04|06|09|11))|(?:(?:0[1-9]|[12]\d)02))\d{6}$/;

export const isWellFormedCpr = (value: string): boolean => CPR_PATTERN.test(value);
