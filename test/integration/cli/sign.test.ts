import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../src/cli';
import type { RunningEmulator } from '../../../src/emulator';
import { captureIo, tempDir } from '../../helpers/cli-run';
import { startTestEmulator } from '../../helpers/emulator';
import {
  aBooking,
  caseworker,
  createBookingBody,
  dfdgHeaders,
  envelope,
  soapAction,
} from '../../helpers/envelope';
import { postXml, textOf } from '../../helpers/soap-request';
import { testCertDir } from '../../helpers/test-certificates';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator({ identityMode: 'wss' });
});
afterAll(() => emulator.stop());

const jobcenter = { type: 8, code: '75100' };

it('When a request file is signed with `dfdg-emulator sign`, then the emulator in wss mode accepts it without a client certificate', async () => {
  const file = join(tempDir(), 'request.xml');
  writeFileSync(file, envelope(createBookingBody(aBooking()), dfdgHeaders(jobcenter, caseworker(jobcenter))));
  const io = captureIo();
  const clients = join(testCertDir(), 'clients');
  const outcome = await runCli(
    ['sign', '--cert', join(clients, '8-75100.pem'), '--key', join(clients, '8-75100.key'), file],
    io,
  );
  expect(outcome).toEqual({ kind: 'exit', code: 0 });
  expect(io.stdout()).toContain('BinarySecurityToken');

  const res = await postXml(`${emulator.soapUrl}/BookingService`, io.stdout(), {
    cert: null,
    soapAction: soapAction('BookingService', 'CreateBooking'),
  });
  expect(res.status).toBe(200);
  expect(textOf(res.body, 'BookingIdentifier')).toMatch(/^[0-9a-f-]{36}$/);
});

it('When `dfdg-emulator sign` lacks the key, then it exits 2 and names what is missing', async () => {
  const io = captureIo();
  const outcome = await runCli(['sign', '--cert', 'x.pem', 'request.xml'], io);
  expect(outcome).toEqual({ kind: 'exit', code: 2 });
  expect(io.stderr()).toContain('--key FILE');
});
