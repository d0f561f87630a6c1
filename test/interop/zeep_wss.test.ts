import { join } from 'node:path';
import type { RunningEmulator } from '../../src/emulator';
import { startTestEmulator } from '../helpers/emulator';
import { runPythonClient } from '../helpers/python-client';
import { pathOf } from '../helpers/soap-client';
import { testCertDir } from '../helpers/test-certificates';

/**
 * Python zeep signing with WS-Security (Debian's python3-zeep and python3-xmlsec) against an
 * emulator in identity mode wss, over HTTPS without a client certificate. Both packages must be
 * installed (`apt-get install -y python3-zeep python3-xmlsec`); when they are not, this test fails
 * with the script's stderr.
 */
const SCRIPT = join(__dirname, 'zeep_wss_client.py');

let emulator: RunningEmulator;
let output: Record<string, unknown>;

const runZeep = (soapUrl: string, certDir: string): Promise<Record<string, unknown>> =>
  runPythonClient(SCRIPT, [soapUrl, certDir]);

beforeAll(async () => {
  emulator = await startTestEmulator({ identityMode: 'wss' });
  output = await runZeep(emulator.soapUrl, testCertDir());
}, 90_000);
afterAll(() => emulator.stop());

it('When zeep signs CreateBooking (BinarySignature, RSA-SHA256, Body + both DFDG headers + Timestamp) without a TLS client certificate, then the emulator accepts it as 8-75100', () => {
  expect(pathOf(output, 'create', 'BookingIdentifier')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/);
  const referenceId = String(pathOf(output, 'create', 'ServiceRequestLogReferenceIdentifier'));
  expect(
    emulator.journal
      .find(referenceId)
      ?.decisions.slice(0, 2)
      .map((d) => [d.ruleId, d.passed]),
  ).toEqual([
    ['SEC-WSS', true],
    ['SEC-CERT', true],
  ]);
  expect(emulator.store.audit.find(referenceId)?.certificate?.fingerprint).toBe(
    emulator.certificates.clients['8-75100']?.fingerprint,
  );
});

it('When zeep signs GetBookingDetails, and CodelistService without DFDG headers, then both are served', () => {
  expect(pathOf(output, 'details', 'Booking', 'BookingIdentifier')).toBe(
    pathOf(output, 'create', 'BookingIdentifier'),
  );
  expect(
    pathOf(
      output,
      'details',
      'Booking',
      'CreatedByRequestUserMetadata',
      'RequestUserStructure',
      'UserFullName',
    ),
  ).toBe('Mette Hansen');
  expect(output.interviewTypeCount).toBe(19);
});

it('When zeep signs with its plain BinarySignature (defaults: no Timestamp, RSA-SHA1, headers unsigned), then it gets 1012 SEC-WSS saying what is missing', () => {
  expect(pathOf(output, 'zeepDefaults', 'fault')).toEqual({
    faultstring: 'Logon failed',
    ErrorCode: 1012,
    Source: 'SEC-WSS',
    InnerException: 'the wsse:Security header holds no wsu:Timestamp',
  });
});
