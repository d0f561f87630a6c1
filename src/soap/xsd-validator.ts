import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { violation, type Violation } from '../domain/errors';
import type { Libxml, LibxmlDocument, LibxmlElement } from './libxml';

/**
 * XSD validation of request parts (REQ-SCHEMA, and the header schemas for SEC-*-PRESENT) against the
 * very XSD files the WSDLs import. Schemas are compiled once, at start; validating is per element.
 */
export interface SchemaValidator {
  /** The schema errors of one element (a header block or the body's payload); empty when valid. */
  validate(element: LibxmlElement): string[];
}

const XSD_DIR_NAME = 'xsd';
const MAX_REPORTED_ERRORS = 10;

export const createSchemaValidator = (
  libxml: Libxml,
  wsdlDir: string,
  namespacesAndFiles: ReadonlyArray<{ namespace: string; file: string }>,
): SchemaValidator => {
  registerSchemaFiles(libxml, join(wsdlDir, XSD_DIR_NAME));
  const wrapper =
    '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">' +
    namespacesAndFiles
      .map(({ namespace, file }) => `<xs:import namespace="${namespace}" schemaLocation="${file}"/>`)
      .join('') +
    '</xs:schema>';
  let schemaDoc: LibxmlDocument | undefined;
  try {
    schemaDoc = libxml.XmlDocument.fromString(wrapper, {
      url: resolve(wsdlDir, XSD_DIR_NAME, '_wrapper.xsd'),
    });
    const validator = libxml.XsdValidator.fromDoc(schemaDoc);
    return {
      validate(element) {
        try {
          validator.validate(element);
          return [];
        } catch (e) {
          if (e instanceof libxml.XmlValidateError) {
            // A hostile request can break the schema 100,000 times: name the first few, count the rest.
            const shown = e.details
              .slice(0, MAX_REPORTED_ERRORS)
              .map((d) => `line ${d.line}: ${d.message.trim()}`);
            const more = e.details.length - shown.length;
            return more > 0 ? [...shown, `and ${more} more schema errors`] : shown;
          }
          throw e;
        }
      },
    };
  } finally {
    schemaDoc?.dispose();
  }
};

/**
 * REQ-SCHEMA's verdict on a body's schema errors: every error in InnerException, and the first one
 * (it has the line and the element) after STAR's text in Message, as RULES.md asks, so a client that
 * shows only Message still says what is wrong and where.
 */
export const schemaViolation = (errors: readonly string[]): Violation => {
  const [first = 'the body does not validate against its schema'] = errors;
  return violation(
    'REQ-SCHEMA',
    errors.join('; '),
    errors.length > 1 ? `${first} (and more: see InnerException)` : first,
  );
};

const registered = new Set<string>();

/** libxml2 resolves schemaLocations through input providers; ours serve the files from memory. */
const registerSchemaFiles = (libxml: Libxml, xsdDir: string): void => {
  const dir = resolve(xsdDir);
  if (registered.has(dir)) return;
  const files: Record<string, Uint8Array> = {};
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.xsd'))) {
    const content = readFileSync(join(dir, f));
    files[join(dir, f)] = content;
    files[`file://${join(dir, f)}`] = content;
  }
  libxml.xmlRegisterInputProvider(new libxml.XmlBufferInputProvider(files));
  registered.add(dir);
};
