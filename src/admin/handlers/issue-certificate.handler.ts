import { z } from 'zod';
import {
  CERTIFICATE_NAME,
  CertificateNameTaken,
  issueRegisteredCertificate,
} from '../../pki/issue-registered-certificate';
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
  systemType: z
    .int()
    .min(1)
    .max(2147483647)
    .optional()
    .describe(
      "the system type (REST.md §4; 30 DFDG and 32 Jobnet are STAR's ids): only a certificate of a meeting's kildesystemType may change it (REST-KILDESYSTEM)",
    ),
  replace: z
    .boolean()
    .optional()
    .describe(
      'issue anew under a name already in use: the old registration is dropped and its files overwritten',
    ),
});

/**
 * POST /admin/certificates: a client certificate from the dev CA for the organisations, registered
 * at once and written to certs/clients/<name>.pem|.key|.p12. Fixture names are refused: reissuing
 * one would change a certificate every vendor's setup relies on. A name in use is refused unless
 * `replace` is true: clients holding the old .p12 would stop working without anyone asking for it.
 */
export const issueCertificateHandler = adminEndpoint({
  body: CertificateInput,
  status: 201,
  problems: {
    409: "the name is a fixture certificate's, or already in use (registered or with files) and `replace` is not true",
  },
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
    let issued;
    try {
      issued = issueRegisteredCertificate(config.certDir, store.certificates, body, clock.now(), 'api');
    } catch (error) {
      if (!(error instanceof CertificateNameTaken)) throw error;
      throw new Problem(409, `${error.message}: send "replace": true to replace it`, [
        { path: 'body.name', message: 'already in use; "replace": true issues it anew' },
      ]);
    }
    logger.info(body.replace ? 'certificate replaced' : 'certificate issued', {
      name: issued.name,
      fingerprint: issued.fingerprint,
    });
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
