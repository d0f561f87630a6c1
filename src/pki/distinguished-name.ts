import * as forge from 'node-forge';

export interface DistinguishedNameOptions {
  commonName: string;
  organisationName?: string | undefined;
  countryName?: string | undefined;
}

/**
 * Builds forge subject attributes in the conventional DER order (C, O, CN).
 *
 * CN and O are explicitly UTF8String: forge otherwise writes PrintableString, which cannot
 * hold Danish letters or characters such as '&' or '_' and would produce garbled names.
 */
/**
 * forge reads `valueTagClass` as the ASN.1 string type of the value; @types/node-forge
 * mistypes the field as `asn1.Class`, hence the cast.
 */
const UTF8_STRING = forge.asn1.Type.UTF8 as number as forge.asn1.Class;

export function distinguishedName(options: DistinguishedNameOptions): forge.pki.CertificateField[] {
  const attributes: forge.pki.CertificateField[] = [];
  if (options.countryName !== undefined) {
    attributes.push({ shortName: 'C', value: options.countryName });
  }
  if (options.organisationName !== undefined) {
    attributes.push({ shortName: 'O', value: options.organisationName, valueTagClass: UTF8_STRING });
  }
  attributes.push({ shortName: 'CN', value: options.commonName, valueTagClass: UTF8_STRING });
  return attributes;
}
