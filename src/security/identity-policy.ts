import { X509Certificate } from 'node:crypto';
import type { Socket } from 'node:net';
import type { Config, IdentityMode } from '../config';
import { presentsClientCertificate } from './client-identity';
import type { WsSecurityPolicy } from './ws-security';

/**
 * How a caller presents its certificate (CONTRACT.md, Transport): `tls` in the TLS handshake only
 * (DFDG's way, the default); `wss` in a WS-Security signed message only; `either`, the TLS
 * certificate when the handshake carried one, else the signed message.
 */
export interface IdentityPolicy {
  readonly mode: IdentityMode;
  readonly wsSecurity: WsSecurityPolicy;
}

export const identityPolicy = (
  settings: Pick<Config, 'identityMode' | 'wssClockSkew' | 'wssMaxAge' | 'maxXmlDepth'>,
  trustedCaPem: string,
): IdentityPolicy => ({
  mode: settings.identityMode,
  wsSecurity: {
    trustedCa: new X509Certificate(trustedCaPem),
    clockSkewSeconds: settings.wssClockSkew,
    maxAgeSeconds: settings.wssMaxAge,
    maxDepth: settings.maxXmlDepth,
  },
});

/** Whether the caller is to be identified from the signed body rather than the TLS handshake. */
export const identifiesBySignature = (mode: IdentityMode, socket: Socket): boolean =>
  mode === 'wss' || (mode === 'either' && !presentsClientCertificate(socket));
