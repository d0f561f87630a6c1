/**
 * Issue 15: a push message queued by an acknowledged booking survives a SIGKILL (the outbox is
 * written in the booking's own transaction) and is delivered, once, by the restarted server.
 */
import { adminClient } from '../helpers/admin-client';
import { startTestReceiver } from '../helpers/push-receivers';
import { goodCreateXml } from './support/refusal-harness';
import { builtServerMain, freePort, startServerProcess, tempDbPath } from './support/server-process';
import { SoapConnections, sleep, verdictOf } from './support/soap-traffic';

jest.setTimeout(120_000);

beforeAll(() => {
  builtServerMain();
});

interface Attempt {
  readonly messageId: string;
  readonly outcome: string;
  readonly status: string;
}

it('When the server is SIGKILLed after a booking whose push message could not be delivered yet, then the restarted server delivers it once', async () => {
  const dbPath = tempDbPath('push-crash');
  const receiverPort = await freePort();
  const url = `https://127.0.0.1:${receiverPort}/wsb`;

  const first = await startServerProcess({ dbPath });
  const admin = adminClient(first.adminUrl);
  const subscribed = await admin.put('/admin/subscriptions/jc-aarhus', {
    organisation: '8:75100',
    messageTypes: ['Indkaldelse'],
    url,
  });
  expect(subscribed.status).toBe(200);
  const connections = new SoapConnections(first.soapUrl, '8-75100', 1);
  const created = verdictOf(await connections.post('BookingService', 'CreateBooking', goodCreateXml()));
  connections.close();
  expect(created.kind).toBe('ok');
  const bookingId = created.kind === 'ok' ? (/BookingIdentifier>([^<]+)</.exec(created.body)?.[1] ?? '') : '';

  // The first attempt finds nobody listening; the message waits for its retry.
  let attempts: Attempt[] = [];
  for (let i = 0; i < 100 && attempts.length === 0; i++) {
    attempts = (await admin.get<{ items: Attempt[] }>('/admin/deliveries?subscription=jc-aarhus')).body.items;
    if (attempts.length === 0) await sleep(100);
  }
  expect(attempts.map((a) => [a.outcome.split(' ')[0], a.status])).toEqual([['connect:', 'pending']]);
  await first.kill('SIGKILL');

  const receiver = await startTestReceiver([200], receiverPort);
  const second = await startServerProcess({ dbPath });
  try {
    const admin2 = adminClient(second.adminUrl);
    // The retry falls due 30 s after the first attempt, on the emulator's clock.
    expect((await admin2.put('/admin/clock', { advance: 'PT1M' })).status).toBe(200);
    const message = await admin2.get<{ status: string; attempts: Attempt[] }>(
      `/admin/deliveries/${attempts[0]?.messageId ?? ''}`,
    );
    expect(message.body.status).toBe('delivered');
    expect(receiver.json<{ eksternIdentifier: string }>().map((m) => m.eksternIdentifier)).toEqual([
      bookingId,
    ]);
    expect(receiver.received.map((r) => r.clientCn)).toEqual(['sys-org-star-test']);
  } finally {
    await second.kill('SIGTERM');
    await receiver.stop();
  }
});
