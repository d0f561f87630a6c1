import { readFileSync } from 'node:fs';
import type { DevCertificates } from '../pki/dev-certificates';
import { certificateSubject } from '../pki/fingerprint';
import type { CertificateOrigin } from './certificate.repository';
import type { Fixtures } from './fixtures';
import type { Store } from './store';

/**
 * Registers the fixture certificates (SEC-CERT) by the fingerprints of their files. Done at every
 * start and reset, not only into an empty database: the files may have been issued anew since.
 * `origin`: the installation's fixtures, or a file `fixtures load` (the CLI) registered, which a
 * reset keeps like any certificate the CLI registered.
 */
export const registerFixtureCertificates = (
  store: Store,
  certificates: Fixtures['certificates'],
  files: DevCertificates['clients'],
  now: Date,
  origin: Extract<CertificateOrigin, 'fixtures' | 'cli'> = 'fixtures',
): number => {
  let registered = 0;
  for (const c of certificates) {
    const client = files[c.name];
    if (!client) continue;
    store.certificates.register(
      {
        fingerprint: client.fingerprint,
        name: c.name,
        subject: certificateSubject(readFileSync(client.certPath, 'utf8')),
        organisations: c.organisations,
      },
      now,
      origin,
    );
    registered++;
  }
  return registered;
};
