import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningEmulator } from '../../../src/emulator';
import { DEFAULT_PKCS12_PASSWORD } from '../../../src/pki/issue-certificate';
import { startTestEmulator } from '../../helpers/emulator';
import { testCertDir } from '../../helpers/test-certificates';
import { AUTHORITY_TYPE_INVALID, CREATED, TYPED_4413, detailsAsCreated } from '../booking-round-trip';
import {
  command,
  file,
  removeScratchDir,
  requirePrerequisites,
  runClient,
  runTool,
  scratchDir,
} from '../vendor-stack';

/**
 * A Java vendor's client, made with Debian's JAX-WS RI: `wsimport -XadditionalHeaders` on the served
 * WSDL (imports read from the server; both DFDG headers become parameters of each port method), then
 * javac, and run with an SSLContext from the client's PKCS#12 that trusts the dev CA.
 */
const CLIENT_SOURCE = join(__dirname, 'BookingClient.java');
/** Debian's JAX-WS runtime; its manifest's Class-Path brings JAXB, SAAJ and the APIs. */
const JAXWS_RT = '/usr/share/java/jaxws-rt.jar';
const INSTALL = 'apt-get install -y jaxws default-jdk-headless';
/** The .p12 password of the dev certificates (certs/README.md); also this test's truststore's. */
const PASSWORD = DEFAULT_PKCS12_PASSWORD;

let emulator: RunningEmulator;
let work: string | undefined;
let output: Record<string, unknown>;

/** wsimport (which compiles what it generates) + javac of the client, in the scratch folder. */
const buildClient = async (wsdlUrl: string, dir: string, caPem: string): Promise<string> => {
  // wsimport reads the WSDL over https with the JVM's default trust: give it the dev CA.
  const trustStore = join(dir, 'dev-ca.p12');
  await runTool(
    'keytool',
    ['-importcert', '-noprompt', '-alias', 'dfdg-dev-ca', '-file', caPem, '-keystore', trustStore].concat([
      '-storetype',
      'PKCS12',
      '-storepass',
      PASSWORD,
    ]),
    { cwd: dir },
  );
  const classes = join(dir, 'classes');
  mkdirSync(classes); // wsimport writes into an existing folder only
  await runTool('wsimport', ['-XadditionalHeaders', '-d', classes, wsdlUrl], {
    cwd: dir,
    env: {
      WSIMPORT_OPTS: `-Djavax.net.ssl.trustStore=${trustStore} -Djavax.net.ssl.trustStorePassword=${PASSWORD}`,
    },
  });
  await runTool('javac', ['-cp', `${classes}:${JAXWS_RT}`, '-d', classes, CLIENT_SOURCE], { cwd: dir });
  return classes;
};

beforeAll(async () => {
  await requirePrerequisites(
    'JAX-WS',
    [command('wsimport'), command('javac'), command('java'), command('keytool'), file(JAXWS_RT)],
    INSTALL,
  );
  emulator = await startTestEmulator();
  work = scratchDir('jaxws');
  const certs = testCertDir();
  const wsdlUrl = `${emulator.soapUrl}/BookingService?wsdl`;
  const classes = await buildClient(wsdlUrl, work, join(certs, 'ca.pem'));
  output = await runClient(
    'java',
    ['-cp', `${classes}:${JAXWS_RT}`, 'BookingClient', wsdlUrl].concat([
      join(certs, 'clients', '8-75100.p12'),
      PASSWORD,
      join(certs, 'ca.pem'),
    ]),
    { cwd: work },
  );
}, 150_000);
afterAll(async () => {
  removeScratchDir(work);
  await emulator?.stop();
});

it('When the wsimport port calls CreateBooking with both headers as parameters, then it gets a booking id and a log reference', () => {
  expect(output.create).toEqual(CREATED);
});

it('When the wsimport port calls GetBookingDetails of that booking, then it reads it back as created', () => {
  expect(output.details).toEqual(detailsAsCreated(output));
});

it('When the wsimport port calls with a RequestUserMetadata of another organisation, then it throws the generated FaultDetails exception whose getFaultInfo() has 4413', () => {
  expect(output.refused).toEqual({
    fault: {
      exception: 'dk.bm.service.pjaktass._1.bookingservice.FaultDetails',
      faultstring: AUTHORITY_TYPE_INVALID,
      typedDetail: TYPED_4413,
    },
  });
});
