import type { Organisation } from '../../domain/organisation';
import type { AdminContext } from '../admin-context';
import { Problem } from '../problem';
import { certificateView } from '../views/certificate.view';

/** A registered certificate whose certificate and key files are in the certificate folder. */
export interface UsableCertificate {
  readonly name: string;
  readonly fingerprint: string;
  readonly organisations: readonly Organisation[];
  readonly certificatePath: string;
  readonly privateKeyPath: string;
  readonly pkcs12Path: string | null;
}

/**
 * The certificate of that name the server can call with: registered, and its files in
 * <cert-dir>/clients/ still holding this very certificate (certificate.view's rule), key included.
 */
export const registeredWithFiles = (ctx: AdminContext, name: string): UsableCertificate => {
  const rows = ctx.store.certificates.findByName(name);
  if (rows.length === 0)
    throw new Problem(404, `no certificate named "${name}" is registered; see GET /admin/certificates`);
  for (const row of [...rows].reverse()) {
    const files = certificateView(ctx.config.certDir, row).files;
    if (files?.privateKey)
      return {
        name: row.name,
        fingerprint: row.fingerprint,
        organisations: row.organisations,
        certificatePath: files.certificate,
        privateKeyPath: files.privateKey,
        pkcs12Path: files.pkcs12,
      };
  }
  throw new Problem(
    404,
    `certificate "${name}" is registered but its key is not in ${ctx.config.certDir}/clients/: the emulator cannot call with it`,
  );
};

/** The certificate a journalled call was made with, by its fingerprint. */
export const registeredByFingerprint = (ctx: AdminContext, fingerprint: string): UsableCertificate => {
  const registration = ctx.store.certificates.find(fingerprint);
  if (!registration)
    throw new Problem(409, `the call's certificate (${fingerprint}) is no longer registered`);
  const usable = registeredWithFiles(ctx, registration.name);
  if (usable.fingerprint !== fingerprint)
    throw new Problem(
      409,
      `certificate "${registration.name}" was issued anew since this call; its old key is gone`,
    );
  return usable;
};
