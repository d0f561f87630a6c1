import type { Citizen } from '../../../src/domain/booking';
import type { Organisation } from '../../../src/domain/organisation';
import { WSRM_PICKUP_LIMIT, wsrmReceivers } from '../../../src/domain/wsrm.rules';
import { buildBooking, buildCitizen, CODE_LISTS, ORG } from '../../helpers/builders';

const NOW = new Date('2026-02-01T11:00:00Z');

const VISIBLE_TO_AKASSE = [7, 8, 9, 10, 11, 12, 13, 15, 17, 19];
const HIDDEN_FROM_AKASSE = [1, 2, 3, 4, 5, 6, 14, 16, 18];

it.each(VISIBLE_TO_AKASSE)(
  'When a booking of type %i is written for a citizen followed by jobcenter 75100 and a-kasse 17, then both receive a message',
  (interviewType) => {
    expect(wsrmReceivers(buildBooking({ interviewType }), buildCitizen(), NOW, CODE_LISTS)).toEqual([
      ORG.jobcenterAarhus,
      ORG.akasse17,
    ]);
  },
);

it.each(HIDDEN_FROM_AKASSE)(
  'When a booking of type %i is written for a citizen of a-kasse 17, then only the jobcenter receives a message (VIS-AKASSE)',
  (interviewType) => {
    expect(wsrmReceivers(buildBooking({ interviewType }), buildCitizen(), NOW, CODE_LISTS)).toEqual([
      ORG.jobcenterAarhus,
    ]);
  },
);

it('When the citizen has no a-kasse, then only the jobcenter receives a message', () => {
  expect(wsrmReceivers(buildBooking(), buildCitizen({ memberships: [] }), NOW, CODE_LISTS)).toEqual([
    ORG.jobcenterAarhus,
  ]);
});

it("When the booking was written by another organisation than the citizen's followers, then the followers receive it, not the writer nor the meeting place", () => {
  const citizen: Citizen = buildCitizen({
    kommune: '101',
    jobcenter: '10100',
    memberships: [{ akasse: '81', from: null, to: null }],
  });
  const booking = buildBooking({
    meetingOrganisation: ORG.akasse17,
    creator: {
      organisation: ORG.jobcenterAarhus,
      metadata: buildBooking().creator.metadata,
      system: 'kss-vendor',
    },
  });
  expect(wsrmReceivers(booking, citizen, NOW, CODE_LISTS)).toEqual([ORG.jobcenterKobenhavn, ORG.akasse81]);
});

it('When the emulator does not know the citizen, then nobody receives a message (no organisation may see them)', () => {
  expect(
    wsrmReceivers(buildBooking({ meetingOrganisation: ORG.jobcenterAarhus }), undefined, NOW, CODE_LISTS),
  ).toEqual([]);
});

it.each<[string, string | null, Organisation[]]>([
  ['ended 100 days ago', '2025-10-24', [ORG.jobcenterAarhus, ORG.akasse17]],
  ['ended 120 days ago', '2025-10-04', [ORG.jobcenterAarhus, ORG.akasse17]],
  ['ended 121 days ago', '2025-10-03', [ORG.jobcenterAarhus]],
  ['ended 200 days ago', '2025-07-16', [ORG.jobcenterAarhus]],
])(
  'When the citizen’s membership of a-kasse 17 %s, then the a-kasse receives a message only within 120 days (ACC-OWN when queued)',
  (_label, to, expected) => {
    const citizen = buildCitizen({ memberships: [{ akasse: '17', from: '2020-01-01', to }] });
    expect(wsrmReceivers(buildBooking({ interviewType: 7 }), citizen, NOW, CODE_LISTS)).toEqual(expected);
  },
);

it('When the citizen has a guest access or an anden aktør, then they receive no message: only followers do', () => {
  const citizen = buildCitizen({
    andenAktoer: [ORG.andenAktoer.code],
    guestAccess: [{ organisation: ORG.jobcenterKobenhavn, until: new Date('2027-01-01T00:00:00Z') }],
  });
  expect(wsrmReceivers(buildBooking({ interviewType: 7 }), citizen, NOW, CODE_LISTS)).toEqual([
    ORG.jobcenterAarhus,
    ORG.akasse17,
  ]);
});

it('When a pickup is opened, then it holds at most 500 messages', () => {
  expect(WSRM_PICKUP_LIMIT).toBe(500);
});
