/**
 * Issue 5, item 1 (part one): hostile XML documents — entities, DTDs, nesting, attributes and size;
 * encodings and envelope shapes are in hostile-envelope.robustness.test.ts. RULES.md REQ-XML: each
 * is answered 1014 (or, where the XML is legitimate, served), never left hanging; nothing is
 * written but the audit row; the server keeps serving. test/integration/broken-requests.response
 * .test.ts has the plain cases (one XXE to /etc/passwd, a 9-level billion laughs, depth 65/1000,
 * a 2 KB limit); these go further.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningEmulator } from '../../src/emulator';
import { startTestEmulator } from '../helpers/emulator';
import { serviceNs } from '../helpers/envelope';
import type { RawResponse } from '../helpers/soap-request';
import { clientTls } from '../helpers/test-certificates';
import { CREATE, editedCreateXml, goodCreateXml, harness, type Harness } from './support/refusal-harness';

let emulator: RunningEmulator;
let h: Harness;
/** Counts every request that reaches it: an XML parser that fetches something would show here. */
let trap: Server;
let trapHits: string[] = [];
let trapUrl = '';
const CANARY = `CANARY-${randomUUID()}`;
let canaryFile = '';

beforeAll(async () => {
  emulator = await startTestEmulator();
  h = harness(emulator);
  trap = createServer((req, res) => {
    trapHits.push(req.url ?? '');
    res.end(`<!ENTITY leak "${CANARY}">`);
  });
  await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
  trapUrl = `http://127.0.0.1:${(trap.address() as AddressInfo).port}`;
  canaryFile = join(mkdtempSync(join(tmpdir(), 'dfdg-canary-')), 'secret.txt');
  writeFileSync(canaryFile, CANARY);
});
beforeEach(() => {
  trapHits = [];
});
afterAll(async () => {
  await new Promise<void>((resolve) => trap.close(() => resolve()));
  await emulator.stop();
});

/** Nothing the server keeps (journal, audit log, bookings) holds the canary's secret. */
const expectCanaryNowhere = (res: RawResponse): void => {
  expect(res.body).not.toContain(CANARY);
  expect(JSON.stringify(emulator.journal.list())).not.toContain(CANARY);
  const leaked = emulator.store.db
    .prepare("SELECT COUNT(*) AS n FROM audit_log WHERE detail LIKE '%' || ? || '%'")
    .get(CANARY) as { n: number };
  expect(leaked.n).toBe(0);
};

const withDoctype = (doctype: string, entityUse: string): string =>
  editedCreateXml((x) =>
    x
      .replace('?>', `?>${doctype}`)
      .replace(
        '<bk:CompulsoryAttendance>',
        `<bk:CaseworkerName>${entityUse}</bk:CaseworkerName><bk:CompulsoryAttendance>`,
      ),
  );

const REQ_XML = { code: 1014, source: 'REQ-XML' } as const;

describe('DTDs and entities (REQ-XML: no DOCTYPE at all)', () => {
  it('When an external entity names a URL, then 1014 REQ-XML and the URL is never fetched', async () => {
    const xml = withDoctype(`<!DOCTYPE soap:Envelope [<!ENTITY xxe SYSTEM "${trapUrl}/entity">]>`, '&xxe;');
    await h.expectRefused(() => h.post(xml), REQ_XML);
    expect(trapHits).toEqual([]);
  });

  it('When an external entity names a local file, then 1014 REQ-XML and the file content appears nowhere', async () => {
    const xml = withDoctype(
      `<!DOCTYPE soap:Envelope [<!ENTITY xxe SYSTEM "file://${canaryFile}">]>`,
      '&xxe;',
    );
    const { res } = await h.expectRefused(() => h.post(xml), REQ_XML);
    expectCanaryNowhere(res);
  });

  it('When the DOCTYPE names an external DTD by URL, then 1014 REQ-XML and the URL is never fetched', async () => {
    const xml = withDoctype(`<!DOCTYPE soap:Envelope SYSTEM "${trapUrl}/evil.dtd">`, '&leak;');
    await h.expectRefused(() => h.post(xml), REQ_XML);
    expect(trapHits).toEqual([]);
  });

  it('When an external parameter entity is expanded in the DTD, then 1014 REQ-XML and nothing is fetched', async () => {
    const xml = withDoctype(
      `<!DOCTYPE soap:Envelope [<!ENTITY % remote SYSTEM "${trapUrl}/pe.dtd"> %remote;]>`,
      '&leak;',
    );
    await h.expectRefused(() => h.post(xml), REQ_XML);
    expect(trapHits).toEqual([]);
  });

  it('When internal parameter entities declare a general entity, then 1014 REQ-XML', async () => {
    const xml = withDoctype(
      `<!DOCTYPE soap:Envelope [<!ENTITY % inner "<!ENTITY smuggled 'Mette Hansen'>"> %inner;]>`,
      '&smuggled;',
    );
    await h.expectRefused(() => h.post(xml), REQ_XML);
  });

  it('When a billion-laughs DTD (10 levels, 10^10 expansions) follows a comment, then 1014 REQ-XML', async () => {
    const levels = Array.from({ length: 10 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join(
      '',
    );
    const xml = withDoctype(
      `<!-- nothing to see --><!DOCTYPE soap:Envelope [<!ENTITY l0 "ha">${levels}]>`,
      '&l10;',
    );
    await h.expectRefused(() => h.post(xml), REQ_XML);
  });

  it('When a quadratic blowup (a 50 KB entity referenced 20,000 times, 1 GB expanded) is sent, then 1014 REQ-XML', async () => {
    const xml = withDoctype(
      `<!DOCTYPE soap:Envelope [<!ENTITY big "${'x'.repeat(50_000)}">]>`,
      '&big;'.repeat(20_000),
    );
    await h.expectRefused(() => h.post(xml), REQ_XML);
  });

  it('When an XInclude in a foreign header names a URL and a file, then the call is served and neither is read', async () => {
    const xml = editedCreateXml((x) =>
      x.replace(
        '<soap:Header>',
        `<soap:Header><f:Trace xmlns:f="urn:example:foreign" xmlns:xi="http://www.w3.org/2001/XInclude">` +
          `<xi:include href="${trapUrl}/xinclude" parse="text"/><xi:include href="file://${canaryFile}" parse="text"/></f:Trace>`,
      ),
    );
    let res: RawResponse | undefined;
    await h.expectBookingCreated(async () => (res = await h.post(xml)));
    expect(trapHits).toEqual([]);
    expectCanaryNowhere(res as RawResponse);
  });

  it('When xsi:schemaLocation names a remote schema, then the call is served and the schema is never fetched', async () => {
    const xml = editedCreateXml((x) =>
      x.replace(
        '<soap:Envelope ',
        `<soap:Envelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${serviceNs('BookingService')} ${trapUrl}/evil.xsd" `,
      ),
    );
    await h.expectBookingCreated(() => h.post(xml));
    expect(trapHits).toEqual([]);
  });
});

describe('nesting, attributes and names', () => {
  const nested = (depth: number, where: 'header' | 'payload'): string => {
    const open = '<x:n xmlns:x="urn:example:deep">'.repeat(depth);
    const close = '</x:n>'.repeat(depth);
    return editedCreateXml((x) =>
      where === 'header'
        ? x.replace('<soap:Header>', `<soap:Header>${open}${close}`)
        : x.replace('</bk:SelfBooked>', `</bk:SelfBooked>${open}${close}`),
    );
  };

  it.each([
    [10_000, 'header'],
    [10_000, 'payload'],
    [100_000, 'header'],
  ] as const)('When elements are nested %i deep in the %s, then 1014 REQ-XML', async (depth, where) => {
    await h.expectRefused(() => h.post(nested(depth, where)), REQ_XML);
  });

  const attributes = (n: number, name: (i: number) => string): string =>
    Array.from({ length: n }, (_, i) => ` ${name(i)}="v"`).join('');

  it('When the operation element carries 100,000 attributes, then 1014 REQ-XML, and the fault and its audit row stay small (< 64 KB)', async () => {
    const xml = editedCreateXml((x) =>
      x.replace(
        '<bs:CreateBookingRequest ',
        `<bs:CreateBookingRequest${attributes(100_000, (i) => `a${i}`)} `,
      ),
    );
    // Each of the 100,000 schema errors must not be spelled out: a 1.2 MB request must not buy an
    // answer and an audit row many times its size (checked first, so the failure says so).
    const sendAndMeasure = async (): Promise<RawResponse> => {
      const res = await h.post(xml);
      expect(res.body.length).toBeLessThan(64 * 1024);
      return res;
    };
    // Refused before parsing: no DFDG request comes near 10,000 elements or attributes.
    const { res } = await h.expectRefused(sendAndMeasure, { code: 1014, source: 'REQ-XML' });
    const audit = h.auditOf(String(res.headers['x-servicerequestlogreferenceidentifier']));
    expect(audit?.detail?.length ?? 0).toBeLessThan(64 * 1024);
  });

  it('When one element repeats the same attribute 100,000 times, then 1014 REQ-XML', async () => {
    const xml = editedCreateXml((x) =>
      x.replace('<bs:CreateBookingRequest ', `<bs:CreateBookingRequest${attributes(100_000, () => 'a')} `),
    );
    await h.expectRefused(() => h.post(xml), REQ_XML);
  });

  it('When a foreign header carries 100,000 namespace declarations, then 1014 REQ-XML', async () => {
    const xml = editedCreateXml((x) =>
      x.replace(
        '<soap:Header>',
        `<soap:Header><f:x xmlns:f="urn:example:foreign"${Array.from({ length: 100_000 }, (_, i) => ` xmlns:p${i}="urn:p:${i}"`).join('')}/>`,
      ),
    );
    await h.expectRefused(() => h.post(xml), REQ_XML);
  });

  it('When an element name is 1 MB long, then 1014 REQ-XML', async () => {
    const xml = editedCreateXml((x) =>
      x.replace('<soap:Header>', `<soap:Header><f:${'n'.repeat(1 << 20)} xmlns:f="urn:example:foreign"/>`),
    );
    await h.expectRefused(() => h.post(xml), REQ_XML);
  });

  it('When a string field holds 5 MB of text, then 1014 REQ-SCHEMA (maxLength)', async () => {
    await h.expectRefused(() => h.post(goodCreateXml({ caseworkerName: 'x'.repeat(5 << 20) })), {
      code: 1014,
      source: 'REQ-SCHEMA',
    });
  });
});

describe('a 50 MB body (the limit is 10 MB)', () => {
  const fiftyMegabytes = (): Buffer =>
    Buffer.from(
      editedCreateXml((x) => x.replace('<soap:Body>', `<soap:Body><!--${'x'.repeat(50 << 20)}-->`)),
    );

  it('When it is sent with a Content-Length, then 1014 REQ-XML', async () => {
    await h.expectRefused(() => h.post(fiftyMegabytes()), REQ_XML);
  });

  it('When it is streamed in chunks without a Content-Length, then 1014 REQ-XML', async () => {
    const body = fiftyMegabytes();
    const chunked = (): Promise<RawResponse> =>
      new Promise((resolve, reject) => {
        const req = httpsRequest(
          `${emulator.soapUrl}/BookingService`,
          {
            method: 'POST',
            ...clientTls('8-75100'),
            agent: false,
            headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${CREATE}"` },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                body: Buffer.concat(chunks).toString('utf8'),
                headers: res.headers,
              }),
            );
          },
        );
        req.on('error', reject);
        const piece = 1 << 20;
        let at = 0;
        const pump = (): void => {
          while (at < body.length && !req.destroyed) {
            const more = req.write(body.subarray(at, at + piece));
            at += piece;
            if (!more) return void req.once('drain', pump);
          }
          if (!req.destroyed) req.end();
        };
        pump();
      });
    await h.expectRefused(chunked, REQ_XML);
  });
});

it('When all of the above is over, then the server still serves (the control)', async () => {
  await h.expectStillServing();
});
