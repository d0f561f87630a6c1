import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CertificateRegistration } from '../../../src/store/certificate.repository';
import { openStore, type Store } from '../../../src/store/store';
import { ORG } from '../../helpers/builders';

let dir: string;
let store: Store;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dfdg-unit-cert-'));
  store = openStore(join(dir, 'dfdg.sqlite'));
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const NOW = new Date('2026-01-15T10:00:00.000Z');
const FINGERPRINT = 'AA:BB:CC';

const registration = (overrides: Partial<CertificateRegistration> = {}): CertificateRegistration => ({
  fingerprint: FINGERPRINT,
  name: 'kss-vendor',
  subject: 'CN=kss-vendor',
  organisations: [ORG.jobcenterAarhus, ORG.jobcenterKobenhavn, ORG.kommuneAarhus],
  ...overrides,
});

describe('SEC-CERT', () => {
  it('When a certificate is registered, then it is found with its organisations, by type then code', () => {
    store.certificates.register(registration(), NOW, 'api');
    expect(store.certificates.find(FINGERPRINT)).toEqual({
      fingerprint: FINGERPRINT,
      name: 'kss-vendor',
      subject: 'CN=kss-vendor',
      organisations: [ORG.kommuneAarhus, ORG.jobcenterKobenhavn, ORG.jobcenterAarhus],
    });
  });

  it('When a certificate is registered again, then its organisations, name and subject are replaced', () => {
    store.certificates.register(registration(), NOW, 'api');
    store.certificates.register(
      registration({ name: 'kss-vendor-2', subject: 'CN=kss-vendor-2', organisations: [ORG.akasse17] }),
      new Date('2026-01-16T10:00:00.000Z'),
      'api',
    );
    expect(store.certificates.find(FINGERPRINT)).toEqual({
      fingerprint: FINGERPRINT,
      name: 'kss-vendor-2',
      subject: 'CN=kss-vendor-2',
      organisations: [ORG.akasse17],
    });
  });

  it('When a certificate is registered again with no organisations, then it has none', () => {
    store.certificates.register(registration(), NOW, 'api');
    store.certificates.register(registration({ organisations: [] }), NOW, 'api');
    expect(store.certificates.find(FINGERPRINT)?.organisations).toEqual([]);
  });

  it('When two certificates are registered, then each keeps its own organisations', () => {
    store.certificates.register(registration(), NOW, 'api');
    store.certificates.register(
      registration({ fingerprint: 'DD:EE', name: '2-17', subject: 'CN=2-17', organisations: [ORG.akasse17] }),
      NOW,
      'api',
    );
    store.certificates.register(registration({ organisations: [ORG.jobcenterAarhus] }), NOW, 'api');
    expect(store.certificates.find('DD:EE')?.organisations).toEqual([ORG.akasse17]);
    expect(store.certificates.find(FINGERPRINT)?.organisations).toEqual([ORG.jobcenterAarhus]);
  });

  it('When an unregistered fingerprint is looked up, then undefined', () => {
    store.certificates.register(registration(), NOW, 'api');
    expect(store.certificates.find('FF:FF')).toBeUndefined();
  });

  it('When a registration lists one organisation twice, then it fails and the earlier registration is kept', () => {
    store.certificates.register(registration(), NOW, 'api');
    expect(() =>
      store.certificates.register(registration({ organisations: [ORG.akasse17, ORG.akasse17] }), NOW, 'api'),
    ).toThrow();
    expect(store.certificates.find(FINGERPRINT)?.organisations).toHaveLength(3);
  });
});

describe('SEC-CERT lookups kept in memory', () => {
  it('When a registration already read is replaced, then the next lookup sees the new one', () => {
    store.certificates.register(registration(), NOW, 'api');
    expect(store.certificates.find(FINGERPRINT)?.organisations).toHaveLength(3);
    store.certificates.register(registration({ organisations: [ORG.akasse17] }), NOW, 'api');
    expect(store.certificates.find(FINGERPRINT)?.organisations).toEqual([ORG.akasse17]);
  });

  it('When the store is reset, then a certificate read before is no longer registered', () => {
    store.certificates.register(registration(), NOW, 'api');
    expect(store.certificates.find(FINGERPRINT)).toBeDefined();
    store.reset();
    expect(store.certificates.find(FINGERPRINT)).toBeUndefined();
  });

  it('When another process changes a registration already read, then the next lookup sees it', () => {
    store.certificates.register(registration(), NOW, 'api');
    expect(store.certificates.find(FINGERPRINT)?.organisations).toHaveLength(3);
    const other = openStore(join(dir, 'dfdg.sqlite'));
    other.certificates.register(registration({ organisations: [ORG.akasse17] }), NOW, 'api');
    other.close();
    expect(store.certificates.find(FINGERPRINT)?.organisations).toEqual([ORG.akasse17]);
  });
});
