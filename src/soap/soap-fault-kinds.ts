import type { ErrorKey } from '../domain/errors';

/** SOAP 1.1's faultcode: who is to blame, or (section 4.4) a header not understood. */
export type FaultKind = 'Client' | 'Server' | 'MustUnderstand';

/**
 * The SOAP face's own column of the error table: each entry's faultcode. Every key of the neutral
 * table (domain/errors.ts) must have one, so a new rule cannot be answered without it. Server only
 * for the emulator's own failures; MustUnderstand only for SOAP's own rule.
 */
export const SOAP_FAULT_KINDS: Readonly<Record<ErrorKey, FaultKind>> = {
  'SEC-TLS-MISSING': 'Client',
  'SEC-TLS': 'Client',
  'SEC-CERT': 'Client',
  'SEC-WSS': 'Client',
  'SEC-AO-MISSING': 'Client',
  'SEC-AO-INVALID': 'Client',
  'SEC-AO-ORGTYPE': 'Client',
  'SEC-RUM-MISSING': 'Client',
  'SEC-RUM-INVALID': 'Client',
  'SEC-RUM-USERTYPE': 'Client',
  'SEC-RUM-ORGTYPE': 'Client',
  'SEC-AO-CERT': 'Client',
  'SEC-CITIZEN': 'Client',
  'SEC-SAME-ORG': 'Client',
  'SEC-JOBCENTER': 'Client',
  'SEC-USERTYPE': 'Client',
  'REQ-XML': 'Client',
  'REQ-OP': 'Client',
  'REQ-SCHEMA': 'Client',
  'REQ-MUSTUNDERSTAND': 'MustUnderstand',
  'BK-VALID': 'Client',
  'BK-VALID-END': 'Client',
  'BK-VALID-INTERVIEW-TYPE': 'Client',
  'REQ-CODELIST': 'Client',
  'CL-UNKNOWN-LIST': 'Client',
  'BK-NOT-FOUND': 'Client',
  'BK-CPR-MATCH': 'Client',
  'BK-SELF-CITIZEN': 'Client',
  'BK-SELF-ACCEPT': 'Client',
  'BK-SELF-DEADLINE': 'Client',
  'BK-STRAKS': 'Client',
  'BK-ONE-FUTURE': 'Client',
  'BK-DEADLINES-CREATE': 'Client',
  'ACC-CPR-MALFORMED': 'Client',
  'ACC-CPR-UNKNOWN': 'Client',
  'ACC-CPR-DEAD': 'Client',
  'ACC-OWN-JOBCENTER': 'Client',
  'ACC-OWN-ANDEN-AKTOER': 'Client',
  'ACC-OWN': 'Client',
  'BK-AKASSE-NOT-MEMBER': 'Client',
  'BK-AKASSE-OTHER': 'Client',
  'WSRM-ONE-OPEN': 'Client',
  'WSRM-UNKNOWN': 'Client',
  INTERNAL: 'Server',
  'INTERNAL-STORE-FULL': 'Server',
};
