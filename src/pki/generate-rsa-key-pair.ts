import { generateKeyPairSync } from 'node:crypto';
import * as forge from 'node-forge';

export interface RsaKeyPair {
  /** PKCS#8 PEM ("BEGIN PRIVATE KEY"), the form .NET, Java and OpenSSL 3 all accept. */
  privateKeyPem: string;
  privateKey: forge.pki.rsa.PrivateKey;
  publicKey: forge.pki.rsa.PublicKey;
}

/**
 * Generates an RSA 2048 key pair with Node's native implementation and hands it to forge
 * as well, because forge's pure-JS key generation takes seconds per key.
 */
export function generateRsaKeyPair(): RsaKeyPair {
  const { privateKey: privateKeyPem, publicKey: publicKeyPem } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicExponent: 0x10001,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return {
    privateKeyPem,
    privateKey: forge.pki.privateKeyFromPem(privateKeyPem),
    publicKey: forge.pki.publicKeyFromPem(publicKeyPem),
  };
}
