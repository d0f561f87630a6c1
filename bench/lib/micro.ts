import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WSDL } from 'soap';
import { PROJECT_ROOT } from '../../src/project-root';
import { schemaImportsOf, SERVICE_CONTRACTS } from '../../src/soap/contracts';
import { parseEnvelope } from '../../src/soap/envelope';
import { loadLibxml } from '../../src/soap/libxml';
import { createSchemaValidator, type SchemaValidator } from '../../src/soap/xsd-validator';
import { createBookingEnvelope } from './soap-bodies';
import { LOAD_ORGANISATION } from './world';

/**
 * In-process timings of the XML work each CreateBooking pays before any rule runs: our envelope
 * parse (libxml2-wasm) with and without XSD validation, and node-soap's own parse of the same bytes
 * (what reference (a) pays for every request, and what the emulator paid too while node-soap
 * parsed each request a second time to dispatch it).
 */
export interface XmlCosts {
  /** parseEnvelope with the XSD validation of the two headers and the payload, per request. */
  readonly parseAndValidateUs: number;
  readonly parseOnlyUs: number;
  readonly validationUs: number;
  /** node-soap's WSDL-driven xmlToObject of the same envelope (reference (a)'s parse). */
  readonly nodeSoapParseUs: number;
}

/**
 * µs per call of each piece of work: warmed up, then measured in five interleaved batches and the
 * fastest batch kept, which is the least disturbed by whatever else the machine is doing.
 */
const timePerCall = (iterations: number, works: ReadonlyArray<() => void>): number[] => {
  for (const work of works) for (let i = 0; i < Math.min(500, iterations); i++) work();
  const best = works.map(() => Infinity);
  const batch = Math.max(1, Math.floor(iterations / 5));
  for (let round = 0; round < 5; round++) {
    works.forEach((work, w) => {
      const started = process.hrtime.bigint();
      for (let i = 0; i < batch; i++) work();
      best[w] = Math.min(best[w] ?? Infinity, Number(process.hrtime.bigint() - started) / 1000 / batch);
    });
  }
  return best;
};

export const measureXmlCosts = async (iterations: number): Promise<XmlCosts> => {
  const libxml = await loadLibxml();
  const wsdlDir = join(PROJECT_ROOT, 'wsdl');
  const service = SERVICE_CONTRACTS.find((s) => s.name === 'BookingService');
  if (!service) throw new Error('BookingService is not in SERVICE_CONTRACTS');
  const validator = createSchemaValidator(libxml, wsdlDir, schemaImportsOf(service));
  const noValidation: SchemaValidator = { validate: () => [] };
  const xml = createBookingEnvelope(LOAD_ORGANISATION, {
    id: '0b0e0c00-0000-4000-8000-000000000001',
    cpr: '0101990001',
    now: Date.now(),
  });
  const raw = Buffer.from(xml);
  const action = `"${service.wsdlNamespace}#CreateBooking"`;
  const parse = (v: SchemaValidator) => () => {
    const result = parseEnvelope(libxml, raw, action, service, v, { maxDepth: 64 });
    if (!result.ok || result.envelope.payloadSchemaErrors.length > 0) {
      throw new Error(`the bench's CreateBooking does not parse cleanly: ${JSON.stringify(result)}`);
    }
  };
  const wsdlPath = join(wsdlDir, 'BookingService.wsdl');
  const wsdl = new WSDL(readFileSync(wsdlPath, 'utf8'), wsdlPath, {});
  await new Promise<void>((resolve, reject) => wsdl.onReady((err) => (err ? reject(err) : resolve())));
  const [parseAndValidateUs = NaN, parseOnlyUs = NaN, nodeSoapParseUs = NaN] = timePerCall(iterations, [
    parse(validator),
    parse(noValidation),
    () => void wsdl.xmlToObject(xml),
  ]);
  return { parseAndValidateUs, parseOnlyUs, validationUs: parseAndValidateUs - parseOnlyUs, nodeSoapParseUs };
};
