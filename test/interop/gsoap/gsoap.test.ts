import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningEmulator } from '../../../src/emulator';
import { adminClient } from '../../helpers/admin-client';
import { startTestEmulator } from '../../helpers/emulator';
import { pathOf } from '../../helpers/soap-client';
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
 * A C++ vendor's client, made as gSOAP's documentation says: `wsdl2h` on the served WSDL (imports
 * read from the server) with its default settings, so both DFDG headers are marked
 * mustUnderstand="1" (no -k), then `soapcpp2 -j` for a proxy class, compiled with g++ and OpenSSL.
 * The only addition to Debian's default typemap.dat is a prefix per namespace (namespace-prefixes.dat).
 */
const CLIENT_SOURCE = join(__dirname, 'booking_client.cpp');
const PREFIXES = join(__dirname, 'namespace-prefixes.dat');
const DEBIAN_TYPEMAP = '/usr/share/gsoap/WS/typemap.dat';
const INSTALL = 'apt-get install -y gsoap libgsoap-dev libssl-dev g++';

let emulator: RunningEmulator;
let work: string | undefined;
let output: Record<string, unknown>;

/** wsdl2h + soapcpp2 + g++, in the scratch folder; resolves with the client binary's path. */
const buildClient = async (wsdlUrl: string, dir: string): Promise<string> => {
  writeFileSync(
    join(dir, 'typemap.dat'),
    readFileSync(DEBIAN_TYPEMAP, 'utf8') + readFileSync(PREFIXES, 'utf8'),
  );
  await runTool('wsdl2h', ['-o', 'booking.h', wsdlUrl], { cwd: dir });
  // -j: the proxy class wsdl2h recommends; -C: the client side only; -x: no sample XML files.
  await runTool('soapcpp2', ['-j', '-C', '-x', 'booking.h'], { cwd: dir });
  const binary = join(dir, 'booking_client');
  await runTool(
    'g++',
    [
      '-DWITH_OPENSSL',
      '-I',
      dir,
      '-o',
      binary,
      CLIENT_SOURCE,
      'soapC.cpp',
      'soapBookingServiceBindingProxy.cpp',
    ].concat(['-lgsoapssl++', '-lssl', '-lcrypto']),
    { cwd: dir },
  );
  return binary;
};

beforeAll(async () => {
  await requirePrerequisites(
    'gSOAP',
    [
      command('wsdl2h'),
      command('soapcpp2'),
      command('g++'),
      file(DEBIAN_TYPEMAP),
      file('/usr/include/stdsoap2.h'),
      file('/usr/include/openssl/ssl.h'),
    ],
    INSTALL,
  );
  emulator = await startTestEmulator();
  work = scratchDir('gsoap');
  const binary = await buildClient(`${emulator.soapUrl}/BookingService?wsdl`, work);
  // gSOAP reads the client's key and certificate from one PEM file.
  const certs = testCertDir();
  const keyAndCertificate = join(work, '8-75100.key+cert.pem');
  writeFileSync(
    keyAndCertificate,
    readFileSync(join(certs, 'clients', '8-75100.key'), 'utf8') +
      readFileSync(join(certs, 'clients', '8-75100.pem'), 'utf8'),
  );
  output = await runClient(binary, [keyAndCertificate, join(certs, 'ca.pem')], { cwd: work });
}, 150_000);
afterAll(async () => {
  removeScratchDir(work);
  await emulator?.stop();
});

it('When gSOAP sends CreateBooking, then both DFDG headers carry mustUnderstand="1", its default', async () => {
  const journal = await adminClient(emulator.adminUrl).get<{ items: unknown[] }>(
    '/admin/journal?service=BookingService',
  );
  const create = journal.body.items.find((i) => pathOf(i, 'operation') === 'CreateBooking');
  const request = String(pathOf(create, 'request'));
  expect(request).toMatch(/<aoh:ActiveOrganisationHeader SOAP-ENV:mustUnderstand="1">/);
  expect(request).toMatch(/<rum:RequestUserMetadataHeader SOAP-ENV:mustUnderstand="1">/);
});

it('When gSOAP calls CreateBooking with both headers, then it gets a booking id and a log reference', () => {
  expect(output.create).toEqual(CREATED);
});

it('When gSOAP calls GetBookingDetails of that booking, then it reads it back as created', () => {
  expect(output.details).toEqual(detailsAsCreated(output));
});

it('When gSOAP calls with a RequestUserMetadata of another organisation, then soap->fault->detail holds the typed FaultDetails with 4413', () => {
  expect(output.refused).toEqual({
    fault: {
      soapError: 12, // SOAP_FAULT: the server answered with a SOAP Fault
      faultcode: 'SOAP-ENV:Client',
      faultstring: AUTHORITY_TYPE_INVALID,
      typedDetail: TYPED_4413,
    },
  });
});
