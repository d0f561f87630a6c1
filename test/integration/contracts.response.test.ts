import { request } from 'node:https';
import type { RunningEmulator } from '../../src/emulator';
import { startTestEmulator } from '../helpers/emulator';
import { soapClientFor, type DfdgService } from '../helpers/soap-client';
import { clientTls } from '../helpers/test-certificates';

/** CONTRACT.md, "Operations": each service's operations, as a generated client must see them. */
const CONTRACT_OPERATIONS: ReadonlyArray<[DfdgService, readonly string[]]> = [
  ['BookingService', ['CreateBooking', 'UpdateBooking', 'DeleteBooking', 'GetBookingDetails', 'GetBookings']],
  ['ExternalBookingService', ['RescheduleBooking', 'CancelBooking']],
  ['BookingWsrmMessageService', ['CreateSequence', 'GetBookings', 'TerminateSequence', 'CloseSequence']],
  ['PersonStatusService', ['GetVariablePersonStatus']],
  ['CodelistService', ['GetInterviewTypes', 'GetCodeList']],
];

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());

interface Fetched {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

const get = (url: string): Promise<Fetched> =>
  new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', ...clientTls('8-75100'), agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          contentType: res.headers['content-type'] ?? '',
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });

const attr = (tag: string, name: string): string | undefined =>
  new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`).exec(tag)?.[1];

/** The xs:import / xs:include elements of a WSDL or XSD: their namespace and schemaLocation. */
const schemaReferences = (xml: string): Array<{ namespace: string | undefined; location: string }> =>
  [...xml.matchAll(/<(?:\w+:)?(?:import|include)\b[^>]*>/g)]
    .map((m) => ({ namespace: attr(m[0], 'namespace'), location: attr(m[0], 'schemaLocation') }))
    .filter((r): r is { namespace: string | undefined; location: string } => r.location !== undefined);

const targetNamespaceOfSchema = (xsd: string): string | undefined => {
  const schema = /<(?:\w+:)?schema\b[^>]*>/.exec(xsd)?.[0];
  return schema === undefined ? undefined : attr(schema, 'targetNamespace');
};

interface Reference {
  readonly url: string;
  readonly from: string;
  readonly namespace: string | undefined;
}

/** Every schema the WSDL references, followed recursively through the XSDs; fails on a broken link. */
const crawlSchemas = async (wsdlUrl: string, wsdl: string): Promise<Map<string, Fetched>> => {
  const seen = new Map<string, Fetched>();
  const queue: Reference[] = schemaReferences(wsdl).map((r) => ({
    url: new URL(r.location, wsdlUrl).href,
    from: wsdlUrl,
    namespace: r.namespace,
  }));
  for (let ref = queue.shift(); ref !== undefined; ref = queue.shift()) {
    const { url, from, namespace } = ref;
    expect({ url, origin: new URL(url).origin }).toEqual({ url, origin: emulator.soapUrl });
    let xsd = seen.get(url);
    if (!xsd) {
      xsd = await get(url);
      expect({ url, from, status: xsd.status }).toEqual({ url, from, status: 200 });
      seen.set(url, xsd);
      queue.push(
        ...schemaReferences(xsd.body).map((r) => ({
          url: new URL(r.location, url).href,
          from: url,
          namespace: r.namespace,
        })),
      );
    }
    if (namespace !== undefined)
      expect({ url, targetNamespace: targetNamespaceOfSchema(xsd.body) }).toEqual({
        url,
        targetNamespace: namespace,
      });
  }
  return seen;
};

it.each(CONTRACT_OPERATIONS)(
  'When %s?wsdl is fetched, then soap:address is the https URL it is served from',
  async (service) => {
    const res = await get(`${emulator.soapUrl}/${service}?wsdl`);
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/xml/);
    expect(res.body).toMatch(/<wsdl:definitions\b/);
    const addresses = [...res.body.matchAll(/<soap:address\s+location="([^"]*)"/g)].map((m) => m[1]);
    expect(addresses).toEqual([`${emulator.soapUrl}/${service}`]);
    expect(emulator.soapUrl).toMatch(/^https:\/\/localhost:\d+$/);
  },
);

it.each(CONTRACT_OPERATIONS)(
  'When the schemas %s?wsdl references are followed recursively, then each is served (200) from the same server with the imported namespace',
  async (service) => {
    const wsdlUrl = `${emulator.soapUrl}/${service}?wsdl`;
    const wsdl = await get(wsdlUrl);
    expect(wsdl.status).toBe(200);
    const schemas = await crawlSchemas(wsdlUrl, wsdl.body);
    const paths = [...schemas.keys()].map((u) => new URL(u).pathname);
    expect(paths).toEqual(expect.arrayContaining([`/xsd/${service}.xsd`, '/xsd/guid.xsd']));
    for (const path of paths) expect(path).toMatch(/^\/xsd\/[\w.-]+\.xsd$/);
    if (service !== 'CodelistService') {
      expect(paths).toEqual(
        expect.arrayContaining([
          '/xsd/ActiveOrganisationHeader.xsd',
          '/xsd/RequestUserMetadata.xsd',
          '/xsd/RequestUserStructure.xsd',
          '/xsd/RequestOrganisationStructure.xsd',
          '/xsd/CodeListBase.xsd',
          '/xsd/FaultDetails.xsd',
        ]),
      );
    }
  },
);

it.each(CONTRACT_OPERATIONS)(
  'When node-soap loads %s?wsdl over https, then describe() lists the CONTRACT.md operations',
  async (service, operations) => {
    const client = await soapClientFor(emulator, service, '8-75100');
    const description = client.describe();
    expect(Object.keys(description)).toEqual([service]);
    const ports = description[service] ?? {};
    expect(Object.keys(ports)).toEqual([service]);
    expect(Object.keys(ports[service] ?? {}).sort()).toEqual([...operations].sort());
  },
);
