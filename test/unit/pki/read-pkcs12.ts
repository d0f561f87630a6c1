import * as forge from 'node-forge';

export interface Pkcs12View {
  certificatePems: string[];
  privateKeyCount: number;
  keyFriendlyNames: string[];
}

// Spelled out because @types/node-forge types `pki.oids` as an index signature.
const CERT_BAG = '1.2.840.113549.1.12.10.1.3';
const SHROUDED_KEY_BAG = '1.2.840.113549.1.12.10.1.2';

/** Opens a PKCS#12 file with forge; throws when the password is wrong. */
export function readPkcs12(der: Buffer, password: string): Pkcs12View {
  const pfx = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der.toString('binary')), password);
  const certBags = pfx.getBags({ bagType: CERT_BAG })[CERT_BAG] ?? [];
  const keyBags = pfx.getBags({ bagType: SHROUDED_KEY_BAG })[SHROUDED_KEY_BAG] ?? [];
  return {
    certificatePems: certBags.flatMap((bag) => (bag.cert ? [forge.pki.certificateToPem(bag.cert)] : [])),
    privateKeyCount: keyBags.filter((bag) => bag.key !== undefined).length,
    keyFriendlyNames: keyBags.flatMap((bag): string[] => {
      const attributes = bag.attributes as Record<string, unknown>;
      const names = attributes['friendlyName'];
      return Array.isArray(names) ? names.filter((name): name is string => typeof name === 'string') : [];
    }),
  };
}
