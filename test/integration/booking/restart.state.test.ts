import type { RunningEmulator } from '../../../src/emulator';
import { startTestEmulator } from '../../helpers/emulator';
import { aBooking, caseworker, type Org } from '../../helpers/envelope';
import { asOrg, metadataSentBy } from '../../helpers/soap-client';

const JOBCENTER_AARHUS: Org = { type: 8, code: '75100' };

let running: RunningEmulator | undefined;
afterAll(async () => {
  await running?.stop();
});

it('When the emulator restarts on the same database file, then a booking is still there with its creator metadata and its Created history row', async () => {
  const first = await startTestEmulator();
  running = first;
  const creator = caseworker(JOBCENTER_AARHUS, 'Sofie Vedvarende');
  const before = await asOrg(first, '8-75100', JOBCENTER_AARHUS, creator);
  const fields = aBooking({ meetingLocation: 'video', caseworkerName: 'Sofie Vedvarende' });
  const { bookingId, referenceId } = await before.createBooking(fields);
  const detailsBefore = await before.getBookingDetails(bookingId);
  await first.stop();
  running = undefined;

  const second = await startTestEmulator({ dbPath: first.dbPath });
  running = second;
  expect(second.dbPath).toBe(first.dbPath);
  const after = await asOrg(second, '8-75100', JOBCENTER_AARHUS, creator);
  const details = await after.getBookingDetails(bookingId);

  expect(details).toEqual(detailsBefore);
  expect(details).toMatchObject({
    id: bookingId,
    cpr: fields.cpr,
    start: new Date(fields.start),
    meetingLocation: 'video',
    status: 'Active',
    originator: JOBCENTER_AARHUS,
  });
  expect(details.createdBy).toEqual(metadataSentBy(before.soap));

  const history = second.store.bookings.history(bookingId);
  expect(history).toHaveLength(1);
  expect(history[0]).toMatchObject({
    change: 'Created',
    activeOrganisation: JOBCENTER_AARHUS,
    referenceId,
    requestUserMetadata: {
      userFullName: 'Sofie Vedvarende',
      userType: 2,
      userIdentifier: creator.identifier,
      organisation: JOBCENTER_AARHUS,
    },
  });
  expect(history[0]?.time).toEqual(details.createdAt);
});
