import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningEmulator } from '../../../src/emulator';
import { sha256Fingerprint } from '../../../src/pki/fingerprint';
import { adminClient, errorPaths, expectProblem, type AdminClient } from '../../helpers/admin-client';
import { startTestEmulator } from '../../helpers/emulator';
import { caseworker } from '../../helpers/envelope';
import { expectAccepted, expectFault } from '../../helpers/fault-assertions';
import { ORG } from '../../helpers/scenario-dfdg';
import { getBookingsWith } from '../../helpers/soap-with-pem';
import { testCertDir } from '../../helpers/test-certificates';

/**
 * "See the world" (GET /admin/organisations, /admin/certificates, /admin/citizens): what a user can
 * call as and about, over the real admin port; certificates checked by calling with them over
 * mutual TLS.
 */
interface ListedCertificate {
  name: string;
  subject: string;
  fingerprint: string;
  organisations: { type: number; code: string }[];
  origin: string;
  registeredAt: string;
  files: { certificate: string; privateKey: string | null; pkcs12: string | null } | null;
}
interface Issued {
  fingerprint: string;
  certificate: string;
  privateKey: string;
}

let emulator: RunningEmulator;
let admin: AdminClient;
let certDir: string;
beforeAll(async () => {
  certDir = join(mkdtempSync(join(tmpdir(), 'dfdg-world-certs-')), 'certs');
  cpSync(testCertDir(), certDir, { recursive: true });
  emulator = await startTestEmulator({ certDir });
  admin = adminClient(emulator.adminUrl);
});
afterAll(() => emulator.stop());

const certificates = async (): Promise<ListedCertificate[]> => {
  const res = await admin.get<{ items: ListedCertificate[] }>('/admin/certificates');
  expect(res.status).toBe(200);
  return res.body.items;
};
const callAsJobcenter = (pems: { certificate: string; privateKey: string }) =>
  getBookingsWith(
    emulator.soapUrl,
    { cert: pems.certificate, key: pems.privateKey, ca: readFileSync(join(certDir, 'ca.pem'), 'utf8') },
    ORG.jobcenterAarhus,
    caseworker(ORG.jobcenterAarhus),
    '0101575001',
  );

it('When the organisations are listed, then each fixture organisation comes with its name and the certificates that may act as it', async () => {
  const res = await admin.get<{ items: unknown[] }>('/admin/organisations');
  expect(res.status).toBe(200);
  expect(res.body.items).toEqual([
    { type: 2, code: '17', name: 'FOA A-kasse', certificates: ['2-17'] },
    { type: 2, code: '81', name: 'A-kasse 81', certificates: ['2-81'] },
    { type: 4, code: '35669035', name: 'Lucky Star ApS (anden aktør)', certificates: ['4-35669035'] },
    { type: 5, code: '4', name: 'Jobnet (STAR)', certificates: ['5-4'] },
    { type: 7, code: '101', name: 'Københavns Kommune', certificates: [] },
    { type: 7, code: '751', name: 'Aarhus Kommune', certificates: ['7-751', 'kss-vendor'] },
    { type: 8, code: '10100', name: 'Jobcenter København', certificates: ['8-10100', 'kss-vendor'] },
    { type: 8, code: '75100', name: 'Jobcenter Aarhus', certificates: ['8-75100', 'kss-vendor'] },
  ]);
});

it('When the certificates are listed, then every fixture certificate shows its organisations, fingerprint, origin and the files that hold it', async () => {
  const listed = await certificates();
  expect(listed.map((c) => c.name)).toEqual([
    '2-17',
    '2-81',
    '4-35669035',
    '5-4',
    '7-751',
    '8-10100',
    '8-75100',
    'kss-vendor',
  ]);
  const kss = listed.find((c) => c.name === 'kss-vendor');
  const file = (ext: string) => join(certDir, 'clients', `kss-vendor.${ext}`);
  expect(kss).toEqual({
    name: 'kss-vendor',
    subject: expect.stringContaining('CN=kss-vendor') as string,
    fingerprint: sha256Fingerprint(readFileSync(file('pem'), 'utf8')),
    organisations: [
      { type: 7, code: '751' },
      { type: 8, code: '10100' },
      { type: 8, code: '75100' },
    ],
    origin: 'fixtures',
    registeredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string,
    files: { certificate: file('pem'), privateKey: file('key'), pkcs12: file('p12') },
  });
});

it('When a certificate is issued under a name in use, then 409 and the first goes on working; with replace the new one is let in, the old one refused with how to register, and the list holds the new one', async () => {
  const body = { name: 'vendor-ci', organisations: [{ type: 8, code: '75100' }] };
  const first = await admin.post<Issued>('/admin/certificates', body);
  expect(first.status).toBe(201);
  const pem = join(certDir, 'clients', 'vendor-ci.pem');

  const refused = expectProblem(await admin.post('/admin/certificates', body), 409);
  expect(errorPaths(refused)).toEqual(['body.name']);
  expect(refused.detail).toContain('"replace": true');
  expect(readFileSync(pem, 'utf8')).toBe(first.body.certificate);
  expectAccepted(await callAsJobcenter(first.body));

  const second = await admin.post<Issued>('/admin/certificates', { ...body, replace: true });
  expect(second.status).toBe(201);
  expect(second.body.fingerprint).not.toBe(first.body.fingerprint);
  expectAccepted(await callAsJobcenter(second.body));
  const fault = await expectFault(await callAsJobcenter(first.body), { code: 1012, source: 'SEC-CERT' });
  expect(fault.message).toContain(first.body.fingerprint);

  expect((await certificates()).filter((c) => c.name === 'vendor-ci')).toEqual([
    expect.objectContaining({
      fingerprint: second.body.fingerprint,
      origin: 'api',
      files: expect.objectContaining({ certificate: pem }) as unknown,
    }),
  ]);
});

it("When a fixture certificate's files were issued anew, then its old registration is listed without files", async () => {
  // Registered under a fixture's name, as a start after the files were replaced leaves it.
  const stale = { fingerprint: 'AB:CD', name: '2-81', subject: 'CN=2-81', organisations: [ORG.akasse81] };
  emulator.store.certificates.register(stale, new Date(), 'fixtures');
  const listed = (await certificates()).filter((c) => c.name === '2-81');
  expect(listed.map((c) => [c.fingerprint === 'AB:CD', c.files === null])).toEqual([
    [false, false],
    [true, true],
  ]);
});

describe('GET /admin/citizens', () => {
  interface ListedCitizen {
    cpr: string;
    visibleTo: { type: number; code: string }[];
  }
  const list = async (query = ''): Promise<ListedCitizen[]> => {
    const res = await admin.get<{ items: ListedCitizen[] }>(`/admin/citizens${query}`);
    expect(res.status).toBe(200);
    return res.body.items;
  };

  it('When the citizens are listed, then each says which organisations may see them now', async () => {
    const byCpr = new Map((await list()).map((c) => [c.cpr, c.visibleTo]));
    expect(byCpr.get('0101575001')).toEqual([
      { type: 2, code: '17' },
      { type: 5, code: '4' },
      { type: 7, code: '751' },
      { type: 8, code: '75100' },
    ]);
    // A-kasse 17's membership ended 100 days ago (still within 120) and 200 days ago (not).
    expect(byCpr.get('0606575006')).toContainEqual({ type: 2, code: '17' });
    expect(byCpr.get('0707575007')).not.toContainEqual({ type: 2, code: '17' });
    expect(byCpr.get('0808575008')).toContainEqual({ type: 4, code: '35669035' });
    expect(byCpr.get('0909575009')).toContainEqual({ type: 8, code: '10100' });
  });

  it('When asked for the citizens an organisation may see, then only those are listed', async () => {
    const seen = (await list('?organisation=4:35669035')).map((c) => c.cpr);
    expect(seen).toEqual(['0808575008']);
    const akasse = (await list('?organisation=2:17')).map((c) => c.cpr);
    expect(akasse).toContain('0606575006');
    expect(akasse).not.toContain('0707575007');
  });

  it('When the organisation is not TYPE:CODE, then 400 names the field', async () => {
    expect(errorPaths(expectProblem(await admin.get('/admin/citizens?organisation=75100'), 400))).toEqual([
      'query.organisation',
    ]);
  });
});
