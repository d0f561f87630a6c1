import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningEmulator } from '../../../src/emulator';
import { sha256Fingerprint } from '../../../src/pki/fingerprint';
import { adminClient, errorPaths, expectProblem, type AdminClient } from '../../helpers/admin-client';
import { startTestEmulator } from '../../helpers/emulator';
import { caseworker } from '../../helpers/envelope';
import { faultOf } from '../../helpers/soap-request';
import { getBookingsWith } from '../../helpers/soap-with-pem';
import { ORG } from '../../helpers/scenario-dfdg';
import { testCertDir } from '../../helpers/test-certificates';
import { readPkcs12 } from '../../unit/pki/read-pkcs12';

interface Issued {
  name: string;
  subject: string;
  fingerprint: string;
  organisations: unknown;
  certificate: string;
  privateKey: string;
  pkcs12: string;
  password: string;
  files: { certificate: string; privateKey: string; pkcs12: string };
}

let emulator: RunningEmulator;
let admin: AdminClient;
let certDir: string;
beforeAll(async () => {
  // The certificates are written into the cert dir: this test gets its own copy of the shared one.
  certDir = join(mkdtempSync(join(tmpdir(), 'dfdg-admin-certs-')), 'certs');
  cpSync(testCertDir(), certDir, { recursive: true });
  emulator = await startTestEmulator({ certDir });
  admin = adminClient(emulator.adminUrl);
});
afterAll(() => emulator.stop());

it('When a certificate is issued for a jobcenter, then PEM, key and .p12 come back and are written, and SOAP calls with it are let in at once', async () => {
  const res = await admin.post<Issued>('/admin/certificates', {
    name: 'my-kss-test',
    organisations: [{ type: 8, code: '75100' }],
  });
  expect(res.status).toBe(201);
  const issued = res.body;
  expect(issued).toMatchObject({
    name: 'my-kss-test',
    subject: expect.stringContaining('CN=my-kss-test') as string,
    organisations: [{ type: 8, code: '75100' }],
    password: 'changeit',
    files: {
      certificate: join(certDir, 'clients', 'my-kss-test.pem'),
      privateKey: join(certDir, 'clients', 'my-kss-test.key'),
      pkcs12: join(certDir, 'clients', 'my-kss-test.p12'),
    },
  });
  expect(issued.certificate).toMatch(/^-----BEGIN CERTIFICATE-----/);
  expect(issued.privateKey).toMatch(/^-----BEGIN (RSA )?PRIVATE KEY-----/);
  expect(sha256Fingerprint(issued.certificate)).toBe(issued.fingerprint);
  expect(readFileSync(issued.files.certificate, 'utf8')).toBe(issued.certificate);
  expect(readFileSync(issued.files.privateKey, 'utf8')).toBe(issued.privateKey);
  expect(readFileSync(issued.files.pkcs12).toString('base64')).toBe(issued.pkcs12);
  const p12 = readPkcs12(Buffer.from(issued.pkcs12, 'base64'), issued.password);
  expect(p12.privateKeyCount).toBe(1);
  expect(p12.certificatePems[0]?.replace(/\r\n/g, '\n')).toBe(issued.certificate.replace(/\r\n/g, '\n'));

  const tls = {
    cert: issued.certificate,
    key: issued.privateKey,
    ca: readFileSync(join(certDir, 'ca.pem'), 'utf8'),
  };
  const user = caseworker(ORG.jobcenterAarhus);
  expect((await getBookingsWith(emulator.soapUrl, tls, ORG.jobcenterAarhus, user, '0101575001')).status).toBe(
    200,
  );
  const elsewhere = await getBookingsWith(
    emulator.soapUrl,
    tls,
    ORG.jobcenterKobenhavn,
    caseworker(ORG.jobcenterKobenhavn),
    '0101575001',
  );
  expect(faultOf(elsewhere)).toMatchObject({ errorCode: 1013, source: 'SEC-AO-CERT' });
  expect(emulator.store.certificates.find(issued.fingerprint)?.name).toBe('my-kss-test');
});

it('When a password is given, then the .p12 opens with it', async () => {
  const res = await admin.post<Issued>('/admin/certificates', {
    name: 'with-password',
    organisations: [{ type: 2, code: '17' }],
    password: 's3cret',
  });
  expect(res.body.password).toBe('s3cret');
  expect(readPkcs12(Buffer.from(res.body.pkcs12, 'base64'), 's3cret').privateKeyCount).toBe(1);
});

it("When a fixture certificate's name is asked for, then 409 and the fixture files are left alone", async () => {
  const before = readFileSync(join(certDir, 'clients', '8-75100.pem'), 'utf8');
  const problem = expectProblem(
    await admin.post('/admin/certificates', { name: '8-75100', organisations: [{ type: 8, code: '75100' }] }),
    409,
  );
  expect(errorPaths(problem)).toEqual(['body.name']);
  expect(readFileSync(join(certDir, 'clients', '8-75100.pem'), 'utf8')).toBe(before);
});

it.each<[string, unknown, string[]]>([
  ['nothing', {}, ['body.name', 'body.organisations']],
  [
    'a name that climbs out of certs/clients',
    { name: '../evil', organisations: [{ type: 8, code: '75100' }] },
    ['body.name'],
  ],
  ['no organisations', { name: 'x', organisations: [] }, ['body.organisations']],
  [
    'an organisation type outside the code list and an empty code',
    { name: 'x', organisations: [{ type: 3, code: '' }] },
    ['body.organisations.0.code', 'body.organisations.0.type'],
  ],
  ['an organisation as TYPE:CODE text', { name: 'x', organisations: ['8:75100'] }, ['body.organisations.0']],
  [
    'an unknown field',
    { name: 'x', organisations: [{ type: 8, code: '75100' }], validDays: 3 },
    ['body.validDays'],
  ],
])(
  'When a certificate is asked for with %s, then 400 naming the fields and no file is written',
  async (_name, body, paths) => {
    expect(errorPaths(expectProblem(await admin.post('/admin/certificates', body), 400))).toEqual(paths);
    expect(existsSync(join(certDir, 'clients', 'x.pem'))).toBe(false);
    expect(existsSync(join(certDir, 'evil.pem'))).toBe(false);
  },
);
