import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/project-root';
import { SERVICE_CONTRACTS, schemaImportsOf, type ServiceName } from '../../src/soap/contracts';
import { loadLibxml } from '../../src/soap/libxml';
import { createSchemaValidator, type SchemaValidator } from '../../src/soap/xsd-validator';

const validators = new Map<ServiceName, SchemaValidator>();

/**
 * The schema errors of the element in a SOAP Body against the service's XSD (empty when valid).
 * Responses are written by our own serializer, so every test that reads one can also hold it to the
 * contract; a test that builds a request can ask whether the emulator must find its payload valid.
 */
export const bodySchemaErrors = async (service: ServiceName, envelopeXml: string): Promise<string[]> => {
  const libxml = await loadLibxml();
  let validator = validators.get(service);
  if (!validator) {
    const contract = SERVICE_CONTRACTS.find((s) => s.name === service);
    if (!contract) throw new Error(`unknown service ${service}`);
    validator = createSchemaValidator(libxml, join(PROJECT_ROOT, 'wsdl'), schemaImportsOf(contract));
    validators.set(service, validator);
  }
  const doc = libxml.XmlDocument.fromBuffer(Buffer.from(envelopeXml, 'utf8'));
  try {
    const body = doc.get('/s:Envelope/s:Body/*', { s: 'http://schemas.xmlsoap.org/soap/envelope/' });
    if (!(body instanceof libxml.XmlElement)) return ['no element in the SOAP Body'];
    return validator.validate(body);
  } finally {
    doc.dispose();
  }
};

export const responseSchemaErrors = bodySchemaErrors;
