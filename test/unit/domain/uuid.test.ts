import { canonicalUuid } from '../../../src/domain/uuid';

it.each([
  ['B0000000-0000-4000-8000-00000000ABCD', 'b0000000-0000-4000-8000-00000000abcd'],
  ['b0000000-0000-4000-8000-00000000abcd', 'b0000000-0000-4000-8000-00000000abcd'],
  ['AbCdEf00-0000-4000-8000-000000000000', 'abcdef00-0000-4000-8000-000000000000'],
  // Only ASCII letters fold, as in SQLite's lower(): the stored form and a lookup agree on any input.
  ['ÉTÉ-İ', 'ÉtÉ-İ'],
])('When the id is %s, then its one form is %s', (id, expected) => {
  expect(canonicalUuid(id)).toBe(expected);
});
