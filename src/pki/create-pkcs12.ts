import * as forge from 'node-forge';

export interface Pkcs12Contents {
  privateKeyPem: string;
  certificatePem: string;
  /** Issuer certificates to include after the leaf, nearest issuer first. */
  chainPems: readonly string[];
  friendlyName: string;
  password: string;
}

/**
 * Packs key, certificate and chain into a password-protected PKCS#12 file, base64-encoded.
 *
 * Triple-DES (pbeWithSHAAnd3-KeyTripleDES-CBC) with a SHA-1 MAC is used because .NET,
 * Java keytool and OpenSSL 3 without its legacy provider all read it, whereas the PBES2/AES
 * form is rejected by some older .NET Framework and Java 8 runtimes and RC2 needs OpenSSL's
 * legacy provider.
 */
export function createPkcs12Base64(contents: Pkcs12Contents): string {
  const certificates = [contents.certificatePem, ...contents.chainPems].map((pem) =>
    forge.pki.certificateFromPem(pem),
  );
  const asn1 = forge.pkcs12.toPkcs12Asn1(
    forge.pki.privateKeyFromPem(contents.privateKeyPem),
    certificates,
    contents.password,
    { algorithm: '3des', friendlyName: contents.friendlyName, generateLocalKeyId: true },
  );
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary').toString('base64');
}
