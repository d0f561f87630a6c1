import { z } from 'zod';
import { CERTIFICATE_NAME, issueRegisteredCertificate } from '../../pki/issue-registered-certificate';
import { adminEndpoint } from '../admin-endpoint';
import { organisationInput } from '../admin-inputs';
import { Problem } from '../problem';
import { OrganisationView } from '../views/organisation.view';

const CertificateInput = z.strictObject({
  name: z
    .string()
    .regex(CERTIFICATE_NAME, 'a name of letters, digits, ".", "_" and "-" (at most 64), e.g. my-kss-test'),
  organisations: z.array(organisationInput).min(1, 'at least one organisation the certificate may act for'),
  password: z.string().min(1).max(128).optional().describe('of the .p12 file (default changeit)'),
});

/**
 * POST /admin/certificates: a client certificate from the dev CA for the organisations, registered
 * at once and written to certs/clients/<name>.pem|.key|.p12. Fixture names are refused: reissuing
 * one would change a certificate every vendor's setup relies on.
 */
export const issueCertificateHandler = adminEndpoint({
  body: CertificateInput,
  status: 201,
  problems: { 409: "the name is a fixture certificate's" },
  response: z.object({
    name: z.string(),
    subject: z.string(),
    fingerprint: z.string().describe('SHA-256, uppercase hex pairs joined by ":"'),
    organisations: z.array(OrganisationView),
    certificate: z.string().describe('PEM'),
    privateKey: z.string().describe('PEM (PKCS#8)'),
    pkcs12: z.string().describe('base64 of the .p12 (key, certificate and CA)'),
    password: z.string(),
    files: z.object({ certificate: z.string(), privateKey: z.string(), pkcs12: z.string() }),
  }),
  handle: ({ config, store, clock, fixtures, logger }, { body }) => {
    if (fixtures.certificates.some((c) => c.name === body.name)) {
      throw new Problem(409, `"${body.name}" is a fixture certificate's name; choose another`, [
        { path: 'body.name', message: 'already used by a fixture certificate' },
      ]);
    }
    const issued = issueRegisteredCertificate(config.certDir, store.certificates, body, clock.now());
    logger.info('certificate issued', { name: issued.name, fingerprint: issued.fingerprint });
    return {
      name: issued.name,
      subject: issued.subject,
      fingerprint: issued.fingerprint,
      organisations: [...issued.organisations],
      certificate: issued.certificatePem,
      privateKey: issued.privateKeyPem,
      pkcs12: issued.pkcs12Base64,
      password: issued.password,
      files: issued.files,
    };
  },
});
