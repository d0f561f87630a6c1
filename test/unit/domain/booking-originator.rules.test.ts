import {
  bookingOriginator,
  originatorCode,
  originatorOf,
} from '../../../src/domain/booking-originator.rules';
import type { Organisation } from '../../../src/domain/organisation';
import { buildBooking, ORG } from '../../helpers/builders';

const STAR_CVR = '55568510';
const CV_NUMBER = '12345678';

describe('BK-ORIGINATOR', () => {
  it.each<[string, Organisation, boolean, string | null, Organisation]>([
    [
      'a Jobnet self-booking by a citizen with a CV number',
      ORG.jobnet,
      true,
      CV_NUMBER,
      { type: 5, code: CV_NUMBER },
    ],
    ['a Jobnet self-booking by a citizen without one', ORG.jobnet, true, null, { type: 5, code: STAR_CVR }],
    [
      'a self-booking through another STAR system (5/7)',
      { type: 5, code: '7' },
      true,
      CV_NUMBER,
      { type: 5, code: CV_NUMBER },
    ],
    ['a Jobnet booking that is not self-booked', ORG.jobnet, false, CV_NUMBER, ORG.jobnet],
    [
      'a self-booking through jobcenter 8/75100’s system',
      ORG.jobcenterAarhus,
      true,
      CV_NUMBER,
      ORG.jobcenterAarhus,
    ],
    ['a self-booking through a-kasse 2/17’s app', ORG.akasse17, true, CV_NUMBER, ORG.akasse17],
    ['a caseworker’s booking at jobcenter 8/75100', ORG.jobcenterAarhus, false, null, ORG.jobcenterAarhus],
    ['a booking by anden aktør 4/35669035', ORG.andenAktoer, false, null, ORG.andenAktoer],
  ])('When %s is created, then its originator is %j', (_name, creator, selfBooked, cv, expected) => {
    expect(bookingOriginator(creator, selfBooked, cv, STAR_CVR)).toEqual(expected);
  });

  it('When a booking keeps the originator of its creation, then that is what it shows', () => {
    const b = buildBooking({ originator: { type: 5, code: CV_NUMBER } });
    expect(originatorOf(b, STAR_CVR)).toEqual({ type: 5, code: CV_NUMBER });
  });

  it.each<[string, Organisation, Organisation]>([
    ['through Jobnet', ORG.jobnet, { type: 5, code: STAR_CVR }],
    ['by jobcenter 8/75100', ORG.jobcenterAarhus, ORG.jobcenterAarhus],
  ])(
    'When a booking an older release stored (no originator kept) was made %s, then it shows what that release showed: %j',
    (_name, creator, expected) => {
      const b = buildBooking({ creator: { ...buildBooking().creator, organisation: creator } });
      expect(originatorOf(b, STAR_CVR)).toEqual(expected);
    },
  );

  it.each<[string, number]>([
    ['75100', 75100],
    ['17', 17],
    ['55568510', 55568510],
    ['0', 0],
    ['99999999', 99999999],
    ['100000000', 0],
    ['751A', 0],
    ['', 0],
  ])('When the originator’s code is "%s", then STAR’s int OrganisationCode is %i', (code, expected) => {
    expect(originatorCode(code)).toBe(expected);
  });
});
