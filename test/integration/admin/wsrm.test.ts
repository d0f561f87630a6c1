import type { RunningEmulator } from '../../../src/emulator';
import { errorPaths, expectProblem, metadataJson, type AdminClient } from '../../helpers/admin-client';
import { startAdminWorld, stopAdminWorld } from '../../helpers/admin-world';
import {
  akasseCaseworker,
  caseworkerBooking,
  jobcenterCaseworker,
  saveCitizen,
  type DfdgScenario,
} from '../../helpers/scenario-dfdg';

const NOW = new Date('2026-03-02T09:00:00Z');

interface Message {
  messageId: string;
  receiver: unknown;
  booking: { id: string };
}

let emulator: RunningEmulator;
let dfdg: DfdgScenario;
let admin: AdminClient;
beforeAll(async () => {
  ({ emulator, dfdg, admin } = await startAdminWorld({ clockStart: NOW, clockFrozen: true }));
});
afterAll(() => stopAdminWorld({ emulator, dfdg }));

it('When a jobcenter books a Jobsamtale, then the WSRM queues of the jobcenter and the a-kasse hold it until picked up', async () => {
  await dfdg.drain(jobcenterCaseworker);
  await dfdg.drain(akasseCaseworker);
  const cpr = saveCitizen(emulator);
  const id = await dfdg.createdBookingId(
    jobcenterCaseworker,
    caseworkerBooking(cpr, '2026-03-10T10:00:00+01:00'),
  );

  const jobcenter = await admin.get<{ items: Message[] }>('/admin/wsrm?organisation=8:75100');
  expect(jobcenter.body.items).toEqual([
    {
      messageId: expect.any(String) as string,
      receiver: { type: 8, code: '75100' },
      clientSystem: '8-75100',
      registeringAuthority: { type: 8, code: '75100' },
      registeringUser: metadataJson(jobcenterCaseworker.user),
      queuedAt: NOW.toISOString(),
      booking: expect.objectContaining({
        id,
        cpr,
        status: 'Active',
        originator: { type: 8, code: '75100' },
      }) as unknown,
    },
  ]);
  const akasse = await admin.get<{ items: Message[] }>('/admin/wsrm?organisation=2:17');
  expect(akasse.body.items.map((m) => m.booking.id)).toEqual([id]);

  await dfdg.pickUp(jobcenterCaseworker);
  expect((await admin.get('/admin/wsrm?organisation=8:75100')).body).toEqual({ items: [] });
});

it.each<[string, string]>([
  ['no organisation', '/admin/wsrm'],
  ['TYPE-CODE instead of TYPE:CODE', '/admin/wsrm?organisation=8-75100'],
  ['a type not in the code list', '/admin/wsrm?organisation=3:75100'],
  ['no code', '/admin/wsrm?organisation=8:'],
])('When the WSRM queue is asked for with %s, then 400 naming query.organisation', async (_name, path) => {
  expect(errorPaths(expectProblem(await admin.get(path), 400))).toEqual(['query.organisation']);
});
