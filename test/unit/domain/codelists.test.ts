import { codeListValuesInForce, isInForceOn, type CodeListItem } from '../../../src/domain/codelists';
import { ERROR_TABLE } from '../../../src/domain/errors';
import { CODE_LISTS } from '../../helpers/builders';

const item = (validFrom: string, validTo: string | null): CodeListItem => ({
  id: 9,
  name: 'Informationsmøde',
  validFrom,
  validTo,
  source: 'P18',
  visibleToUnemploymentFund: true,
});
const withNine = (nine: CodeListItem) => ({
  ...CODE_LISTS,
  InterviewType: CODE_LISTS.InterviewType.map((t) => (t.id === 9 ? nine : t)),
});
const nine = [{ list: 'InterviewType', id: 9, element: 'InterviewTypeIdentifier' }] as const;

describe('REQ-CODELIST: a value is in force from validFrom up to but excluding validTo (STAR P28), Copenhagen dates', () => {
  it.each<[string, string, string | null, boolean]>([
    ['the day before validFrom', '2026-03-03', null, false],
    ['validFrom itself', '2026-03-02', null, true],
    ['the day before validTo', '2026-02-01', '2026-03-03', true],
    ['validTo itself', '2026-02-01', '2026-03-02', false],
    ['after validTo', '2026-02-01', '2026-03-01', false],
  ])(
    'When today (2026-03-02) is %s (valid from %s to %s), then in force is %s',
    (_label, validFrom, validTo, inForce) => {
      expect(isInForceOn(item(validFrom, validTo), '2026-03-02')).toBe(inForce);
    },
  );

  it.each<[string, string, 'REQ-CODELIST' | null]>([
    // validTo 2026-03-02: the value's last day is 1 March, Copenhagen time (UTC+1 in winter).
    ['23:59:59 on 1 March, Copenhagen time', '2026-03-01T22:59:59Z', null],
    ['00:00:00 on 2 March, Copenhagen time', '2026-03-01T23:00:00Z', 'REQ-CODELIST'],
  ])('When the clock stands at %s and the value expires on 2 March, then %s', (_label, now, expected) => {
    const v = codeListValuesInForce(nine, withNine(item('2010-01-01', '2026-03-02')), new Date(now));
    expect(v?.key ?? null).toBe(expected);
  });

  it('When a value has expired, then the violation is DFDG’s 2003 and names the element, the list and the period', () => {
    const v = codeListValuesInForce(
      nine,
      withNine(item('2010-01-01', '2026-03-02')),
      new Date('2026-03-05T12:00:00Z'),
    );
    expect(v && ERROR_TABLE[v.key]).toMatchObject({
      ruleId: 'REQ-CODELIST',
      code: 2003,
      text: 'Use of expired CodeList value not allowed',
    });
    expect(v?.detail).toContain('InterviewTypeIdentifier 9');
    expect(v?.detail).toContain('2026-03-02');
  });

  it('When a value is unknown, then REQ-CODELIST leaves it to the list’s own check (BK-VALID 4709)', () => {
    const unknown = [{ list: 'InterviewType', id: 20, element: 'InterviewTypeIdentifier' }] as const;
    expect(codeListValuesInForce(unknown, CODE_LISTS, new Date('2026-03-05T12:00:00Z'))).toBeNull();
  });
});
