import { violation, type Violation } from '../domain/errors';
import { isKnownOrganisationType, type Organisation } from '../domain/organisation';
import { isKnownRequestUserType, type RequestUserMetadata } from '../domain/request-user-metadata';
import {
  ACTIVE_ORGANISATION_NS,
  CODE_LIST_BASE_NS,
  REQUEST_ORGANISATION_STRUCTURE_NS,
  REQUEST_USER_METADATA_NS,
  REQUEST_USER_STRUCTURE_NS,
  REQUEST_USER_TYPE_NS,
} from '../soap/contracts';
import type { HeaderBlock } from '../soap/envelope';
import { childNamed, type XmlEl } from '../soap/xml-tree';

export type HeaderResult<T> = { ok: true; value: T } | { ok: false; violation: Violation };

/**
 * Step 3 of RULES.md: the DFDG headers, read exactly as sent (readActiveOrganisation, then
 * readRequestUserMetadata). A block counts only in its own namespace: a header with the right local
 * name in a foreign namespace is not the header.
 */
export interface DfdgHeaders {
  readonly activeOrganisation: Organisation;
  readonly requestUserMetadata: RequestUserMetadata;
}

const blocksNamed = (blocks: readonly HeaderBlock[], ns: string, name: string): HeaderBlock[] =>
  blocks.filter((b) => b.element.ns === ns && b.element.name === name);

/** SEC-AO-PRESENT */
export const readActiveOrganisation = (blocks: readonly HeaderBlock[]): HeaderResult<Organisation> => {
  const found = blocksNamed(blocks, ACTIVE_ORGANISATION_NS, 'ActiveOrganisationHeader');
  const [only] = found;
  if (!only)
    return failed('SEC-AO-MISSING', `no ActiveOrganisationHeader in namespace ${ACTIVE_ORGANISATION_NS}`);
  if (found.length > 1) return failed('SEC-AO-INVALID', 'ActiveOrganisationHeader occurs more than once');
  if (only.schemaErrors.length > 0) return failed('SEC-AO-INVALID', only.schemaErrors.join('; '));
  const type = Number(text(only.element, ACTIVE_ORGANISATION_NS, 'OrganisationTypeIdentifier').trim());
  if (!isKnownOrganisationType(type)) {
    return failed(
      'SEC-AO-ORGTYPE',
      `ActiveOrganisationHeader OrganisationTypeIdentifier ${type} is not one of 2, 4, 5, 7, 8, 24`,
    );
  }
  return { ok: true, value: { type, code: text(only.element, ACTIVE_ORGANISATION_NS, 'OrganisationCode') } };
};

/** SEC-RUM-PRESENT */
export const readRequestUserMetadata = (
  blocks: readonly HeaderBlock[],
): HeaderResult<RequestUserMetadata> => {
  const found = blocksNamed(blocks, REQUEST_USER_METADATA_NS, 'RequestUserMetadataHeader');
  const [only] = found;
  if (!only)
    return failed('SEC-RUM-MISSING', `no RequestUserMetadataHeader in namespace ${REQUEST_USER_METADATA_NS}`);
  if (found.length > 1) return failed('SEC-RUM-INVALID', 'RequestUserMetadataHeader occurs more than once');
  if (only.schemaErrors.length > 0) return failed('SEC-RUM-INVALID', only.schemaErrors.join('; '));
  const metadata = requestUserMetadataFrom(only.element);
  if (!isKnownRequestUserType(metadata.userType)) {
    return failed(
      'SEC-RUM-USERTYPE',
      `RequestUserTypeIdentifier ${metadata.userType} is not one of 1, 2, 3, 4`,
    );
  }
  if (!isKnownOrganisationType(metadata.organisation.type)) {
    return failed(
      'SEC-RUM-ORGTYPE',
      `RequestOrganisationStructure OrganisationTypeIdentifier ${metadata.organisation.type} is not one of 2, 4, 5, 7, 8, 24`,
    );
  }
  return { ok: true, value: metadata };
};

/** Reads a RequestUserMetadataType element that has passed its schema. */
export const requestUserMetadataFrom = (header: XmlEl): RequestUserMetadata => {
  const user = required(header, REQUEST_USER_STRUCTURE_NS, 'RequestUserStructure');
  const org = required(header, REQUEST_ORGANISATION_STRUCTURE_NS, 'RequestOrganisationStructure');
  const email = childNamed(user, REQUEST_USER_STRUCTURE_NS, 'UserEmail');
  return {
    userFullName: text(user, REQUEST_USER_STRUCTURE_NS, 'UserFullName'),
    userType: codeListValue(required(user, REQUEST_USER_TYPE_NS, 'RequestUserTypeIdentifier')),
    userIdentifier: text(user, REQUEST_USER_STRUCTURE_NS, 'UserIdentifier'),
    ...(email ? { userEmail: email.text } : {}),
    organisation: {
      type: codeListValue(required(org, REQUEST_ORGANISATION_STRUCTURE_NS, 'OrganisationTypeIdentifier')),
      code: text(org, REQUEST_ORGANISATION_STRUCTURE_NS, 'OrganisationCode'),
    },
    registrationDateTime: text(header, REQUEST_USER_METADATA_NS, 'RegistrationDateTime').trim(),
  };
};

const codeListValue = (wrapper: XmlEl): number =>
  Number(text(wrapper, CODE_LIST_BASE_NS, 'CodeListItemIdentifier').trim());

const required = (el: XmlEl, ns: string, name: string): XmlEl => {
  const child = childNamed(el, ns, name);
  // Only reached after schema validation, which guarantees the element; a miss is our bug.
  if (!child) throw new Error(`schema-valid ${el.name} lacks {${ns}}${name}`);
  return child;
};

const text = (el: XmlEl, ns: string, name: string): string => required(el, ns, name).text;

const failed = <T>(key: Violation['key'], detail: string): HeaderResult<T> => ({
  ok: false,
  violation: violation(key, detail),
});
