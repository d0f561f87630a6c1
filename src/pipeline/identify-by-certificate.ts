import type { ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { passed } from '../domain/decision';
import { formatOrganisation } from '../domain/organisation';
import { identifyCaller } from '../security/client-identity';
import type { CertificateRepository } from '../store/certificate.repository';
import type { Call } from './call';
import { passedWith, refusedBy, type Verdict } from './verdict';

/**
 * Step 1 by the TLS client certificate (SEC-TLS, SEC-CERT), the same for every face: the caller and
 * its certificate go on the call. A caller without a good certificate is answered before its body is
 * read, so the connection is closed after the answer rather than drained.
 */
export const identifyByCertificate = <M>(
  socket: TLSSocket,
  res: ServerResponse,
  call: Call<M>,
  certificates: CertificateRepository,
): Verdict => {
  const identity = identifyCaller(socket, certificates);
  if (!identity.ok) {
    if (identity.fingerprint)
      call.certificate = { subject: identity.subject ?? '', fingerprint: identity.fingerprint };
    res.setHeader('Connection', 'close'); // the body is left unread
    return refusedBy(identity.violation);
  }
  const { caller } = identity;
  call.caller = caller;
  call.certificate = caller.certificate;
  return passedWith(
    passed(
      'SEC-TLS',
      `the certificate ${caller.certificate.subject} chains to the trusted CA and is in date`,
    ),
    passed(
      'SEC-CERT',
      `registered as ${caller.systemName} for ${caller.organisations.map(formatOrganisation).join(', ')}`,
    ),
  );
};
