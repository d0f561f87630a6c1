/**
 * Issue 12, item 4: a full disk. The database is made full for real with SQLite's max_page_count on
 * the emulator's own connection (SQLite then answers SQLITE_FULL exactly as on a full disk, without
 * a mount: a small tmpfs needs root, which a developer's `npm test` does not have). While it is full,
 * every call that cannot write answers 1011 with a Message saying so, the log says it once (not
 * once per call), /admin/health reports "degraded" with the reason; once space is freed, calls
 * succeed again, and every booking acknowledged before, during and after is in the file, whole.
 */
import type { RunningEmulator } from '../../src/emulator';
import type { Logger } from '../../src/transport/logger';
import { adminClient } from '../helpers/admin-client';
import { startTestEmulator } from '../helpers/emulator';
import { dfdgHeaders, envelope, requestBody } from '../helpers/envelope';
import { emptyStats, runCreateLoad } from './support/booking-load';
import {
  createBookingXml,
  FOLLOWED_CITIZENS,
  JOBCENTER,
  JOBCENTER_CASEWORKER,
  SoapConnections,
  textOfTag,
  verdictOf,
} from './support/soap-traffic';
import { checkStore, type AcknowledgedBooking } from './support/store-invariants';

jest.setTimeout(120_000);

interface Health {
  status: string;
  reason?: string;
}

interface Logged {
  level: 'info' | 'error';
  message: string;
}

/** CreateBooking load until `enough` more bookings are acknowledged. */
const acknowledgeMore = async (
  emulator: RunningEmulator,
  acknowledged: AcknowledgedBooking[],
  enough: number,
): Promise<void> => {
  const target = acknowledged.length + enough;
  const stats = emptyStats();
  await runCreateLoad({
    soapUrl: emulator.soapUrl,
    workers: 4,
    shouldStop: () => acknowledged.length >= target || stats.broken.length > 0,
    onAcknowledged: (b) => acknowledged.push(b),
    stats,
  });
  expect(stats.broken).toEqual([]);
};

const MAX_PAGE_COUNT = 4_294_967_294; // SQLite's own limit for this build (compile option MAX_PAGE_COUNT)

it('When the database is full, then calls answer 1011 saying so, the log says it once, health is degraded, and nothing acknowledged is lost', async () => {
  const logged: Logged[] = [];
  const logger: Logger = {
    info: (message) => logged.push({ level: 'info', message }),
    error: (message) => logged.push({ level: 'error', message }),
  };
  const emulator = await startTestEmulator({}, logger);
  const admin = adminClient(emulator.adminUrl);
  const acknowledged: AcknowledgedBooking[] = [];
  const connections = new SoapConnections(emulator.soapUrl, '8-75100', 1);
  try {
    await acknowledgeMore(emulator, acknowledged, 30);
    expect((await admin.get<Health>('/admin/health')).body.status).toBe('ok');

    // Full: the file may not grow by one page more.
    const pages = emulator.store.db.pragma('page_count', { simple: true }) as number;
    emulator.store.db.pragma(`max_page_count = ${pages}`);
    const messages = new Map<string, number>();
    let refusedCreates = 0;
    for (let i = 0; i < 400 && refusedCreates < 30; i++) {
      const cpr = FOLLOWED_CITIZENS[i % FOLLOWED_CITIZENS.length]?.cpr ?? '';
      const calls: Array<[string, string, string]> = [
        ['BookingService', 'CreateBooking', createBookingXml(cpr)],
        [
          'BookingService',
          'GetBookings',
          envelope(
            requestBody('BookingService', 'GetBookings', { PersonCivilRegistrationIdentifier: cpr }),
            dfdgHeaders(JOBCENTER, JOBCENTER_CASEWORKER),
          ),
        ],
        [
          'CodelistService',
          'GetInterviewTypes',
          envelope(
            requestBody('CodelistService', 'GetInterviewTypes', {}),
            dfdgHeaders(JOBCENTER, JOBCENTER_CASEWORKER),
          ),
        ],
      ];
      for (const [service, operation, xml] of calls) {
        const answer = await connections.post(service, operation, xml);
        const verdict = verdictOf(answer);
        if (verdict.kind === 'broken') throw new Error(`${operation}: ${verdict.why}`);
        if (verdict.kind === 'ok' && operation === 'CreateBooking' && answer.kind === 'response') {
          acknowledged.push({
            bookingId: textOfTag(verdict.body, 'BookingIdentifier') ?? '',
            referenceId: answer.referenceId ?? '',
            cpr,
            wsrmMessages: FOLLOWED_CITIZENS[i % FOLLOWED_CITIZENS.length]?.receivers.length ?? 0,
          });
        }
        if (verdict.kind === 'fault' && answer.kind === 'response') {
          if (operation === 'CreateBooking') refusedCreates++;
          const key = `${verdict.code} ${textOfTag(answer.body, 'Message') ?? ''}`;
          messages.set(key, (messages.get(key) ?? 0) + 1);
        }
        // Health is read right after a refused write (a nearly full file still takes a row now and then).
        if (refusedCreates === 30) break;
      }
    }
    expect(refusedCreates).toBe(30);
    expect([...messages.keys()]).toEqual([
      '1011 Internal error on server: the emulator database is full (SQLITE_FULL); nothing of this call was stored',
    ]);
    const degraded = (await admin.get<Health>('/admin/health')).body;
    expect(degraded.status).toBe('degraded');
    expect(degraded.reason).toContain('SQLITE_FULL');
    const errors = logged.filter((l) => l.level === 'error').map((l) => l.message);
    expect(errors).toEqual([
      'the database is full (SQLITE_FULL): every call that writes answers 1011 until space is freed',
    ]);

    // Space freed: served again, and reported so.
    emulator.store.db.pragma(`max_page_count = ${MAX_PAGE_COUNT}`);
    await acknowledgeMore(emulator, acknowledged, 10);
    expect((await admin.get<Health>('/admin/health')).body).toMatchObject({ status: 'ok' });
    expect(logged.map((l) => l.message)).toContain('the database is writable again');
  } finally {
    connections.close();
    await emulator.stop();
  }
  const report = checkStore(emulator.dbPath, acknowledged);
  expect(report.problems).toEqual([]);
  expect(report.bookings).toBeGreaterThanOrEqual(acknowledged.length);
});
