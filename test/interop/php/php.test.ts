import { join } from 'node:path';
import type { RunningEmulator } from '../../../src/emulator';
import { startTestEmulator } from '../../helpers/emulator';
import { testCertDir } from '../../helpers/test-certificates';
import { AUTHORITY_TYPE_INVALID, CREATED, detailsAsCreated } from '../booking-round-trip';
import {
  command,
  probe,
  removeScratchDir,
  requirePrerequisites,
  runClient,
  scratchDir,
} from '../vendor-stack';

/**
 * A PHP vendor's client: SoapClient in WSDL mode on the served WSDL (imports read from the server)
 * with its default options, mutual TLS through a stream context, both headers set with
 * __setSoapHeaders. Its WSDL cache (on by default) goes to the test's scratch folder, so no run
 * reads another run's WSDL.
 */
const CLIENT = join(__dirname, 'booking_client.php');
const INSTALL = 'apt-get install -y php-cli php-soap';

let emulator: RunningEmulator;
let work: string | undefined;
let output: Record<string, unknown>;

beforeAll(async () => {
  await requirePrerequisites(
    'PHP SoapClient',
    [
      command('php'),
      probe('the PHP soap extension', 'php', ['-r', 'exit(class_exists("SoapClient") ? 0 : 1);']),
    ],
    INSTALL,
  );
  emulator = await startTestEmulator();
  work = scratchDir('php');
  const certs = testCertDir();
  output = await runClient(
    'php',
    ['-d', `soap.wsdl_cache_dir=${work}`, CLIENT, `${emulator.soapUrl}/BookingService?wsdl`]
      .concat([join(certs, 'clients', '8-75100.pem'), join(certs, 'clients', '8-75100.key')])
      .concat([join(certs, 'ca.pem')]),
    { cwd: work },
  );
}, 60_000);
afterAll(async () => {
  removeScratchDir(work);
  await emulator?.stop();
});

it('When SoapClient calls CreateBooking with both headers set by __setSoapHeaders, then it gets a booking id and a log reference', () => {
  expect(output.create).toEqual(CREATED);
});

it('When SoapClient calls GetBookingDetails of that booking, then it reads it back as created', () => {
  expect(output.details).toEqual(detailsAsCreated(output));
});

it('When SoapClient calls with a RequestUserMetadata of another organisation, then SoapFault->detail->FaultDetails carries 4413', () => {
  expect(output.refused).toEqual({
    fault: {
      faultcode: 'soap:Client',
      faultstring: AUTHORITY_TYPE_INVALID,
      // SoapClient decodes a fault's detail without the WSDL's types: every leaf is a string.
      detail: { ErrorCode: '4413', Message: AUTHORITY_TYPE_INVALID, Source: 'SEC-JOBCENTER' },
    },
  });
});
