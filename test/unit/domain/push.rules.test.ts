import type { Organisation } from '../../../src/domain/organisation';
import {
  afterFailedAttempt,
  fristRecipients,
  indkaldelseRecipients,
  isDelivered,
  ownsCitizen,
  retryDelayMs,
  type PushMessageType,
  type PushSubscription,
} from '../../../src/domain/push.rules';
import { buildCitizen, CODE_LISTS, ORG } from '../../helpers/builders';

const NOW = new Date('2026-02-01T11:00:00Z');

const subscription = (
  name: string,
  organisation: Organisation,
  messageTypes: readonly PushMessageType[] = ['Indkaldelse', 'Frist'],
): PushSubscription => ({ name, organisation, messageTypes });

const SUBSCRIPTIONS: readonly PushSubscription[] = [
  subscription('jc-aarhus', ORG.jobcenterAarhus),
  subscription('jc-kbh', ORG.jobcenterKobenhavn),
  subscription('kommune-aarhus', ORG.kommuneAarhus),
  subscription('kommune-kbh', ORG.kommuneKobenhavn),
  subscription('akasse-17', ORG.akasse17),
  subscription('akasse-81', ORG.akasse81),
  subscription('anden-aktoer', ORG.andenAktoer),
  subscription('jobnet', ORG.jobnet),
];

const names = (subs: readonly PushSubscription[]): string[] => subs.map((s) => s.name);

describe('Indkaldelse recipients (REST.md §7, P20: own citizens, own members)', () => {
  const citizen = buildCitizen({ andenAktoer: [ORG.andenAktoer.code] });

  it('When a meeting of a type a-kasser see changes, then the own jobcenter, kommune and a-kasse receive it, and no one else', () => {
    expect(
      names(
        indkaldelseRecipients(
          SUBSCRIPTIONS,
          { citizen, meeting: { interviewType: 7 }, now: NOW },
          CODE_LISTS,
        ),
      ),
    ).toEqual(['jc-aarhus', 'kommune-aarhus', 'akasse-17']);
  });

  it.each([1, 2, 3, 4, 5, 6, 14, 16, 18])(
    'When a meeting of type %i (hidden from a-kasser) changes, then the a-kasse does not receive it (VIS-AKASSE)',
    (interviewType) => {
      expect(
        names(
          indkaldelseRecipients(SUBSCRIPTIONS, { citizen, meeting: { interviewType }, now: NOW }, CODE_LISTS),
        ),
      ).toEqual(['jc-aarhus', 'kommune-aarhus']);
    },
  );

  it('When another jobcenter with guest access writes, then it receives its confirmation, and a guest that did not write receives nothing', () => {
    const guest = buildCitizen({
      guestAccess: [{ organisation: ORG.jobcenterKobenhavn, until: new Date('2026-12-31T00:00:00Z') }],
    });
    expect(
      names(
        indkaldelseRecipients(
          SUBSCRIPTIONS,
          { citizen: guest, meeting: { interviewType: 7 }, now: NOW },
          CODE_LISTS,
        ),
      ),
    ).toEqual(['jc-aarhus', 'kommune-aarhus', 'akasse-17']);
    expect(
      names(
        indkaldelseRecipients(
          SUBSCRIPTIONS,
          { citizen: guest, meeting: { interviewType: 7 }, writer: ORG.jobcenterKobenhavn, now: NOW },
          CODE_LISTS,
        ),
      ),
    ).toEqual(['jc-aarhus', 'jc-kbh', 'kommune-aarhus', 'akasse-17']);
  });

  it('When the writer is STAR or an anden aktør, then it gets no confirmation (only types 8, 7 and 2 receive)', () => {
    for (const writer of [ORG.jobnet, ORG.andenAktoer]) {
      expect(
        names(
          indkaldelseRecipients(
            SUBSCRIPTIONS,
            { citizen, meeting: { interviewType: 7 }, writer, now: NOW },
            CODE_LISTS,
          ),
        ),
      ).toEqual(['jc-aarhus', 'kommune-aarhus', 'akasse-17']);
    }
  });

  it('When an a-kasse writes a type it may not see, then even its confirmation is withheld (judged on the meeting after the change)', () => {
    expect(
      names(
        indkaldelseRecipients(
          SUBSCRIPTIONS,
          { citizen, meeting: { interviewType: 1 }, writer: ORG.akasse17, now: NOW },
          CODE_LISTS,
        ),
      ),
    ).toEqual(['jc-aarhus', 'kommune-aarhus']);
  });

  it('When a membership ended within the last 120 days, then the a-kasse may still look the citizen up but receives no message', () => {
    const lapsed = buildCitizen({ memberships: [{ akasse: '17', from: '2020-01-01', to: '2026-01-15' }] });
    expect(ownsCitizen(ORG.akasse17, lapsed, NOW)).toBe(false);
    expect(ownsCitizen(ORG.akasse17, lapsed, new Date('2026-01-15T22:59:59Z'))).toBe(true);
    expect(
      names(
        indkaldelseRecipients(
          SUBSCRIPTIONS,
          { citizen: lapsed, meeting: { interviewType: 7 }, now: NOW },
          CODE_LISTS,
        ),
      ),
    ).toEqual(['jc-aarhus', 'kommune-aarhus']);
  });

  it('When a subscription takes only Frist messages, then it receives no Indkaldelse message', () => {
    const onlyFrist = [subscription('jc-aarhus-frist', ORG.jobcenterAarhus, ['Frist'])];
    expect(
      indkaldelseRecipients(onlyFrist, { citizen, meeting: { interviewType: 7 }, now: NOW }, CODE_LISTS),
    ).toEqual([]);
  });
});

describe('Frist recipients (P21: the jobcenter)', () => {
  it("When a deadline changes, then every Frist subscription of the citizen's jobcenter receives it, and only those", () => {
    const subs = [...SUBSCRIPTIONS, subscription('jc-aarhus-2', ORG.jobcenterAarhus, ['Frist'])];
    expect(names(fristRecipients(subs, buildCitizen()))).toEqual(['jc-aarhus', 'jc-aarhus-2']);
  });
});

describe('Retries (REST.md §7, §9)', () => {
  it.each([
    [1, 30_000],
    [2, 60_000],
    [3, 120_000],
    [4, 240_000],
    [7, 1_920_000],
    [8, 3_600_000],
    [9, 3_600_000],
    [10_000, 3_600_000],
  ])('When attempt %i has failed, then the next comes %i ms later', (failed, delay) => {
    expect(retryDelayMs(failed)).toBe(delay);
  });

  it.each([0, -1, 1.5])('When the count of failed attempts is %p, then it is refused', (failed) => {
    expect(() => retryDelayMs(failed)).toThrow(RangeError);
  });

  const first = new Date('2026-02-01T10:00:00Z');
  it('When an attempt fails before 24 h from the first, then the next is scheduled from that attempt', () => {
    const failedAt = new Date('2026-02-01T10:05:00Z');
    expect(afterFailedAttempt(first, failedAt, 3)).toEqual({
      kind: 'retry',
      at: new Date('2026-02-01T10:07:00Z'),
    });
    const lastChance = new Date(first.getTime() + 24 * 3_600_000 - 1);
    expect(afterFailedAttempt(first, lastChance, 30).kind).toBe('retry');
  });

  it('When an attempt fails at or after 24 h from the first, then the message is abandoned', () => {
    expect(afterFailedAttempt(first, new Date(first.getTime() + 24 * 3_600_000), 30)).toEqual({
      kind: 'abandon',
    });
    expect(afterFailedAttempt(first, new Date(first.getTime() + 48 * 3_600_000), 2)).toEqual({
      kind: 'abandon',
    });
  });

  it.each([
    [200, true],
    [204, true],
    [299, true],
    [199, false],
    [301, false],
    [404, false],
    [500, false],
  ])('When the receiver answers %i, then delivered is %p', (status, delivered) => {
    expect(isDelivered(status)).toBe(delivered);
  });
});
