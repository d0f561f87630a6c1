import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/project-root';
import { SERVICE_CONTRACTS, schemaImportsOf, type ServiceName } from '../../src/soap/contracts';
import { loadLibxml } from '../../src/soap/libxml';
import { createSchemaValidator, type SchemaValidator } from '../../src/soap/xsd-validator';

const validators = new Map<ServiceName, SchemaValidator>();

/**
 * The schema errors of a response body against the service's XSD (empty when valid): responses are
 * written by our own serializer, so every test that reads one can also hold it to the contract.
 */
export const responseSchemaErrors = async (service: ServiceName, responseXml: string): Promise<string[]> => {
  const libxml = await loadLibxml();
  let validator = validators.get(service);
  if (!validator) {
    const contract = SERVICE_CONTRACTS.find((s) => s.name === service);
    if (!contract) throw new Error(`unknown service ${service}`);
    validator = createSchemaValidator(libxml, join(PROJECT_ROOT, 'wsdl'), schemaImportsOf(contract));
    validators.set(service, validator);
  }
  const doc = libxml.XmlDocument.fromString(responseXml);
  try {
    const body = doc.get('/s:Envelope/s:Body/*', { s: 'http://schemas.xmlsoap.org/soap/envelope/' });
    if (!(body instanceof libxml.XmlElement)) return ['no element in the SOAP Body'];
    return validator.validate(body);
  } finally {
    doc.dispose();
  }
};
