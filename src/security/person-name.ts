/**
 * SEC-USERTYPE's test of a caseworker's UserFullName: does it name a concrete person? Pure.
 *
 * Real names come in many forms (RULES.md): "First Last", "Last, First", middle names and initials
 * ("Mette F. Hansen"), hyphens and apostrophes ("Jean-Luc O'Neill"), particles ("van der Berg, Jan"),
 * any script's letters ("Åse Ærø", "Ólafur Arnalds") and the caseworker's initials in brackets at the
 * end ("Mette Hansen (MHA)"). What must not pass is anything but a person: one word, placeholders
 * ("Unknown", "Ukendt", "N/A"), organisations ("Jobcenter Aarhus") and systems ("KSS Batch").
 */

/** A word of a name: letters (with their accents), joined by hyphens, apostrophes or dots. */
const NAME_WORD = /^\p{L}[\p{L}\p{M}'’.-]*$/u;

/** Initials or a short user id in brackets after the name, e.g. "(MHA)". */
const TRAILING_INITIALS = /\s*\(\s*[\p{L}\p{N}._-]{1,12}\s*\)$/u;

/** Words that say the sender is a placeholder, an organisation or a system, never a person. */
const NOT_A_PERSON = new Set([
  'unknown',
  'ukendt',
  'anonymous',
  'anonym',
  'null',
  'none',
  'undefined',
  'ikke',
  'test',
  'user',
  'bruger',
  'systembruger',
  'service',
  'server',
  'robot',
  'bot',
  'job',
  'batch',
  'kss',
  'api',
  'admin',
  'default',
  'sagsbehandler',
  'caseworker',
  'borger',
  'akasse',
  'a-kasse',
]);

/**
 * Organisation and system words with their endings ("Jobcentret", "Systemintegration"), but not the
 * surnames that start like them ("Kommunesen", "Batchelor").
 */
const NOT_A_PERSON_FORM =
  /^(jobcent(er|ret|re|rene)|kommunen?|system(s|er|et|bruger|integration|user)?|batch(es|job|jobs|kørsel)?|integration(s|en|er)?|administrat(or|ors|ion|ionen))$/u;

/** The name's words, in reading order, or null if its shape is not that of a name. */
const wordsOf = (fullName: string): string[] | null => {
  const name = fullName.normalize('NFC').trim().replace(TRAILING_INITIALS, '');
  const parts = name.split(',');
  // "Last, First": exactly one comma, with a name on either side.
  if (parts.length > 2) return null;
  const sides = parts.map((p) => p.trim().split(/\s+/u).filter(Boolean));
  if (sides.some((side) => side.length === 0)) return null;
  return sides.flat();
};

/**
 * Verdicts already reached, by the name as sent: a caller sends the same few caseworkers' names call
 * after call, and the test (Unicode normalisation, Danish lower case) is a measurable share of a
 * call. Bounded: emptied when full.
 */
const known = new Map<string, boolean>();
const KNOWN_LIMIT = 10_000;

/** Whether UserFullName names a concrete person: a first and a last name, not a system or a placeholder. */
export const isPersonName = (fullName: string): boolean => {
  let verdict = known.get(fullName);
  if (verdict === undefined) {
    if (known.size >= KNOWN_LIMIT) known.clear();
    verdict = judgeName(fullName);
    known.set(fullName, verdict);
  }
  return verdict;
};

const judgeName = (fullName: string): boolean => {
  const words = wordsOf(fullName);
  if (words === null || words.length < 2) return false;
  if (!words.every((w) => NAME_WORD.test(w))) return false;
  const lower = words.map((w) => w.toLocaleLowerCase('da'));
  if (lower.some((w) => NOT_A_PERSON.has(w) || NOT_A_PERSON_FORM.test(w))) return false;
  // Initials alone ("J. K.") are not a name: at least one word must be more than an initial.
  return words.some((w) => w.replace(/[.'’-]/gu, '').length >= 2);
};
