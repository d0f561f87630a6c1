import { X509Certificate } from 'node:crypto';
import { createCertificateAuthority } from '../../../src/pki/certificate-authority';
import { certificateSubject, sha256Fingerprint } from '../../../src/pki/fingerprint';
import { issueClientCertificate } from '../../../src/pki/issue-certificate';

describe('sha256Fingerprint', () => {
  it('matches the fingerprint256 format of Node (uppercase hex pairs joined by colons)', () => {
    const ca = createCertificateAuthority();
    const fingerprint = sha256Fingerprint(ca.certificatePem);
    expect(fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(fingerprint).toBe(new X509Certificate(ca.certificatePem).fingerprint256);
  });
});

describe('certificateSubject', () => {
  it('lists the subject CN first, comma separated, keeping non-ASCII characters', () => {
    const ca = createCertificateAuthority();
    const client = issueClientCertificate(ca, {
      name: '8-75100',
      organisationName: 'Jobcenter København & Co',
    });
    expect(certificateSubject(client.certificatePem)).toBe('CN=8-75100, O=Jobcenter København & Co, C=DK');
    expect(client.subject).toBe('CN=8-75100, O=Jobcenter København & Co, C=DK');
  });

  it('renders a CA subject', () => {
    const ca = createCertificateAuthority({ commonName: 'Test CA' });
    expect(certificateSubject(ca.certificatePem)).toBe('CN=Test CA');
  });
});
