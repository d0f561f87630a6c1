import { randomBytes } from 'node:crypto';

/**
 * A random 128-bit certificate serial number as the hex string forge expects.
 *
 * forge writes the hex bytes verbatim into the DER INTEGER, so the first byte must keep the
 * sign bit clear (a negative serial is rejected by strict parsers) and be non-zero (a leading
 * zero byte before a byte below 0x80 is a non-minimal encoding that OpenSSL refuses).
 */
export function randomSerialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = 0x40 | ((bytes[0] ?? 0) & 0x3f);
  return bytes.toString('hex');
}
