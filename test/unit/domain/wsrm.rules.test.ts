import type { Citizen } from '../../../src/domain/booking';
import type { Organisation } from '../../../src/domain/organisation';
import { WSRM_PICKUP_LIMIT, wsrmReceivers } from '../../../src/domain/wsrm.rules';
import { buildBooking, buildCitizen, CODE_LISTS, ORG } from '../../helpers/builders';

const VISIBLE_TO_AKASSE = [7, 8, 9, 10, 11, 12, 13, 15, 17, 19];
const HIDDEN_FROM_AKASSE = [1, 2, 3, 4, 5, 6, 14, 16, 18];

it.each(VISIBLE_TO_AKASSE)(
  'When a booking of type %i is written for a citizen followed by jobcenter 75100 and a-kasse 17, then both receive a message',
  (interviewType) => {
    expect(wsrmReceivers(buildBooking({ interviewType }), buildCitizen(), CODE_LISTS)).toEqual([
      ORG.jobcenterAarhus,
      ORG.akasse17,
    ]);
  },
);

it.each(HIDDEN_FROM_AKASSE)(
  'When a booking of type %i is written for a citizen of a-kasse 17, then only the jobcenter receives a message (VIS-AKASSE)',
  (interviewType) => {
    expect(wsrmReceivers(buildBooking({ interviewType }), buildCitizen(), CODE_LISTS)).toEqual([
      ORG.jobcenterAarhus,
    ]);
  },
);

it('When the citizen has no a-kasse, then only the jobcenter receives a message', () => {
  expect(wsrmReceivers(buildBooking(), buildCitizen({ akasse: null }), CODE_LISTS)).toEqual([
    ORG.jobcenterAarhus,
  ]);
});

it("When the booking was written by another organisation than the citizen's followers, then the followers receive it, not the writer nor the meeting place", () => {
  const citizen: Citizen = buildCitizen({ kommune: '101', jobcenter: '10100', akasse: '81' });
  const booking = buildBooking({
    meetingOrganisation: ORG.akasse17,
    creator: {
      organisation: ORG.jobcenterAarhus,
      metadata: buildBooking().creator.metadata,
      system: 'kss-vendor',
    },
  });
  expect(wsrmReceivers(booking, citizen, CODE_LISTS)).toEqual([ORG.jobcenterKobenhavn, ORG.akasse81]);
});

it.each<[string, Organisation, number, Organisation[]]>([
  ['a jobcenter', ORG.jobcenterKobenhavn, 7, [ORG.jobcenterKobenhavn]],
  ['an a-kasse, visible type', ORG.akasse81, 15, [ORG.akasse81]],
  ['an a-kasse, hidden type', ORG.akasse81, 6, []],
  ['a kommune', ORG.kommuneAarhus, 7, []],
  ['an other actor', ORG.andenAktoer, 7, []],
])(
  'When the emulator does not know the citizen and the meeting is held at %s, then the meeting organisation stands in as the follower when it is a jobcenter or a-kasse that may see the booking',
  (_label, meetingOrganisation, interviewType, expected) => {
    expect(
      wsrmReceivers(buildBooking({ meetingOrganisation, interviewType }), undefined, CODE_LISTS),
    ).toEqual(expected);
  },
);

it('When a pickup is opened, then it holds at most 500 messages', () => {
  expect(WSRM_PICKUP_LIMIT).toBe(500);
});
