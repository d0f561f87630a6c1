import { copenhagenDate } from './copenhagen-time';
import { violation, type Violation } from './errors';

/**
 * Code lists as data (CONTRACT.md, CodelistService): STAR's model of a code value is an id, a name
 * and a validity period (P28). The lists ship in fixtures/codelists.json, may be replaced by STAR's
 * real ones, and may be changed through the admin API; the rules read them as a fact.
 */
export const CODE_LIST_NAMES = [
  'InterviewType',
  'InterviewContactType',
  'InterviewFormType',
  'InterviewDeadlineStatusType',
  'OrganisationType',
  'RequestUserType',
] as const;
export type CodeListName = (typeof CODE_LIST_NAMES)[number];

export const isCodeListName = (name: string): name is CodeListName =>
  (CODE_LIST_NAMES as readonly string[]).includes(name);

export interface CodeListItem {
  readonly id: number;
  readonly name: string;
  /** The first Copenhagen date (YYYY-MM-DD) the value may be used on. */
  readonly validFrom: string;
  /**
   * The Copenhagen date the value expires on, or null for open. STAR's model (P28): a value is valid
   * from its start date "up to but excluding" its end date, so validTo itself is already expired.
   */
  readonly validTo: string | null;
  /** Where the value comes from: a STAR page (P-id), an epic, or "emulator" for our own. */
  readonly source: string;
  /** InterviewType only (VIS-AKASSE): whether an a-kasse may see bookings of this type. */
  readonly visibleToUnemploymentFund?: boolean | undefined;
}

export type CodeLists = Readonly<Record<CodeListName, readonly CodeListItem[]>>;

export const findCodeListItem = (
  lists: CodeLists,
  list: CodeListName,
  id: number,
): CodeListItem | undefined => lists[list].find((item) => item.id === id);

/** In force on a Copenhagen date: from validFrom inclusive up to validTo exclusive (P28). */
export const isInForceOn = (item: CodeListItem, date: string): boolean =>
  item.validFrom <= date && (item.validTo === null || date < item.validTo);

/** A code-list value a request carries, with the element it came in (for the fault's detail). */
export interface CodeListValue {
  readonly list: CodeListName;
  readonly id: number;
  readonly element: string;
}

/**
 * REQ-CODELIST: every known value is in force on today's Copenhagen date, else 2003. An unknown
 * value is not this rule's: each list's own check answers it (BK-VALID's 4709 for interview types).
 */
export const codeListValuesInForce = (
  values: readonly CodeListValue[],
  lists: CodeLists,
  now: Date,
): Violation | null => {
  const today = copenhagenDate(now);
  for (const value of values) {
    const item = findCodeListItem(lists, value.list, value.id);
    if (item && !isInForceOn(item, today)) {
      const period = `${item.validFrom} up to ${item.validTo === null ? 'no end' : `but excluding ${item.validTo}`}`;
      return violation(
        'REQ-CODELIST',
        `${value.element} ${value.id} (${item.name}) of code list ${value.list} is valid from ${period}; ` +
          `today is ${today} (Copenhagen time)`,
      );
    }
  }
  return null;
};

/** VIS-AKASSE's fact: whether a-kasser see bookings of an interview type (an unknown type: no). */
export const visibleToUnemploymentFund = (lists: CodeLists, interviewType: number): boolean =>
  findCodeListItem(lists, 'InterviewType', interviewType)?.visibleToUnemploymentFund ?? false;
