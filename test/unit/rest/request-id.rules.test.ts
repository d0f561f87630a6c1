import type { RestMethod } from '../../../src/rest/indkaldelse.routes';
import { requestIdForm, requestIdRepeat, type RecordedRequestId } from '../../../src/rest/request-id.rules';
import { answered, ANSWER, type Answered } from './rest-answer';

const ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const NOW = new Date('2026-03-10T12:00:00Z');
const daysBefore = (days: number, ms = 0): Date => new Date(NOW.getTime() - days * 86_400_000 - ms);

describe('REQ-REQUESTID, its form', () => {
  it.each<[RestMethod, readonly string[] | undefined, Answered | null, string | null]>([
    ['post', [ID], null, ID],
    ['put', ['x'], null, 'x'],
    ['delete', ['a'.repeat(46)], null, 'a'.repeat(46)],
    ['post', ['a'.repeat(47)], ANSWER.requestId, null],
    ['post', undefined, ANSWER.requestId, null],
    ['delete', [''], ANSWER.requestId, null],
    ['put', [ID, ID], ANSWER.requestId, null],
    ['get', undefined, null, null],
    ['get', ['a'.repeat(100)], null, null],
  ])('When a %s carries %j, then REQ-REQUESTID answers %o', (method, values, answer, requestId) => {
    const form = requestIdForm(method, values);
    expect(form.ok ? [null, form.requestId] : [answered(form.violation), null]).toEqual([answer, requestId]);
  });

  it('When the id is too long, then the description and felter name the header and the bound', () => {
    const form = requestIdForm('post', ['a'.repeat(47)]);
    expect(form.ok ? null : [form.violation.detail, form.violation.felter]).toEqual([
      'x-requestId: 47 characters; at most 46',
      [{ felt: 'x-requestId', besked: '47 characters; at most 46' }],
    ]);
  });
});

describe('REQ-REQUESTID, a repeat', () => {
  const first = (at: Date): RecordedRequestId => ({
    at,
    referenceId: '11111111-2222-4333-8444-555555555555',
  });

  it.each<[string, RecordedRequestId | null, Answered | null, boolean]>([
    ['never seen: served and recorded', null, null, true],
    [
      'seen a second ago: 412, not renewed',
      first(new Date(NOW.getTime() - 1000)),
      ANSWER.requestIdRepeat,
      false,
    ],
    ['seen 7 days less a millisecond ago: 412', first(daysBefore(7, -1)), ANSWER.requestIdRepeat, false],
    ['seen exactly 7 days ago: forgotten, served and recorded anew', first(daysBefore(7)), null, true],
    ['seen 8 days ago: served and recorded anew', first(daysBefore(8)), null, true],
  ])('When the id was %s', (_, recorded, answer, record) => {
    const verdict = requestIdRepeat(ID, recorded, NOW);
    expect([answered(verdict.violation), verdict.record]).toEqual([answer, record]);
  });

  it('When an id is repeated, then the description says when and under which reference it was first used', () => {
    const verdict = requestIdRepeat(ID, first(new Date('2026-03-09T09:30:00Z')), NOW);
    expect(verdict.violation?.detail).toBe(
      `x-requestId ${ID} was first used at 2026-03-09T10:30:00.000+01:00 by the call ` +
        '11111111-2222-4333-8444-555555555555; an id is kept 7 days (emulator time)',
    );
  });

  it('When the clock stands still and the id is sent three times, then the second and third are 412 and the 7 days count from the first', () => {
    let recorded: RecordedRequestId | null = null;
    const outcomes: Array<number | null> = [];
    for (const at of [
      NOW,
      new Date(NOW.getTime() + 6 * 86_400_000),
      new Date(NOW.getTime() + 7 * 86_400_000),
    ]) {
      const verdict = requestIdRepeat(ID, recorded, at);
      if (verdict.record) recorded = { at, referenceId: `call at ${at.toISOString()}` };
      outcomes.push(answered(verdict.violation)?.status ?? null);
    }
    expect(outcomes).toEqual([null, 412, null]);
  });
});
