/**
 * The checks every hostile request gets (issue 5, item 1): the answer is the expected DFDG fault (or
 * a success where the input is legitimate XML), the refused call wrote nothing but its audit row
 * (SEC-AUDIT), and the same server then serves a good request.
 */
import { request } from 'node:https';
import type { RunningEmulator } from '../../../src/emulator';
import { headersOf, ORG } from '../../helpers/dfdg-calls';
import {
  aBooking,
  caseworker,
  createBookingBody,
  envelope,
  soapAction,
  type BookingFields,
} from '../../helpers/envelope';
import { expectAccepted, expectFault, type FaultCode } from '../../helpers/fault-assertions';
import { postXml, textOf, type RawResponse } from '../../helpers/soap-request';
import { clientTls, type CertificateName } from '../../helpers/test-certificates';

export const ANNA = '0101575001';
export const JOBCENTER = ORG.jobcenterAarhus;
export const CASEWORKER = caseworker(JOBCENTER, 'Mette Hansen');
/** ActiveOrganisationHeader first, then RequestUserMetadataHeader. */
export const HEADERS = headersOf(JOBCENTER, CASEWORKER);
export const CREATE = soapAction('BookingService', 'CreateBooking');

/** Tables a call may write besides the audit log; a refused call changes none of them. */
const WRITTEN_TABLES = [
  'bookings',
  'booking_history',
  'reminders',
  'wsrm_messages',
  'wsrm_sequences',
  'organisations',
  'citizens',
  'self_booking_deadlines',
  'certificates',
  'certificate_organisations',
] as const;

export type TableCounts = Record<(typeof WRITTEN_TABLES)[number] | 'audit_log', number>;

export interface PostOptions {
  readonly soapAction?: string;
  readonly contentType?: string;
  readonly cert?: CertificateName | null;
  readonly path?: string;
}

/** A complete, valid CreateBooking request as text (a booking for Anna a week ahead). */
export const goodCreateXml = (b: Partial<BookingFields> = {}, headers: string = HEADERS): string =>
  envelope(createBookingBody(aBooking({ cpr: ANNA, ...b })), headers);

/** The good request with a textual edit; throws if the edit misses (the test would test nothing). */
export const editedCreateXml = (edit: (xml: string) => string, b: Partial<BookingFields> = {}): string => {
  const xml = goodCreateXml(b);
  const edited = edit(xml);
  if (edited === xml) throw new Error('the edit changed nothing: the test would not test what it says');
  return edited;
};

export const xmlEscape = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );

export interface StoredBooking {
  readonly id: string;
  readonly cpr: string;
  readonly creator_org_type: number;
  readonly creator_org_code: string;
  readonly creator_metadata: string;
  readonly origin_system_identifier: string | null;
  readonly meeting_location: string | null;
  readonly caseworker_name: string | null;
  readonly cancellation_reason: string | null;
  readonly status: string;
}

export const harness = (emulator: RunningEmulator) => {
  const count = (table: string): number =>
    (emulator.store.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  const counts = (): TableCounts =>
    Object.fromEntries([...WRITTEN_TABLES, 'audit_log'].map((t) => [t, count(t)])) as TableCounts;

  const post = (body: string | Buffer, options: PostOptions = {}): Promise<RawResponse> =>
    postXml(`${emulator.soapUrl}${options.path ?? '/BookingService'}`, body, {
      soapAction: options.soapAction ?? CREATE,
      cert: options.cert === undefined ? '8-75100' : options.cert,
      ...(options.contentType ? { contentType: options.contentType } : {}),
    });

  /** A POST with exactly these HTTP headers (e.g. a SOAPAction sent twice, or unquoted). */
  const postWithHeaders = (
    body: string,
    headers: Record<string, string | string[]>,
    cert: CertificateName = '8-75100',
  ): Promise<RawResponse> =>
    new Promise((resolve, reject) => {
      const req = request(
        `${emulator.soapUrl}/BookingService`,
        {
          method: 'POST',
          ...clientTls(cert),
          agent: false,
          headers: { 'Content-Type': 'text/xml', ...headers },
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
      req.end(body);
    });

  const auditOf = (referenceId: string) =>
    emulator.store.db
      .prepare('SELECT outcome, rule_id, detail FROM audit_log WHERE reference_id = ?')
      .get(referenceId) as { outcome: string; rule_id: string | null; detail: string | null } | undefined;

  const storedBooking = (id: string): StoredBooking | undefined =>
    emulator.store.db.prepare('SELECT * FROM bookings WHERE id = ?').get(id) as StoredBooking | undefined;

  /** The same server still answers a good CreateBooking, and writes that booking. */
  const expectStillServing = async (): Promise<void> => {
    const before = count('bookings');
    expectAccepted(await post(goodCreateXml()));
    expect(count('bookings')).toBe(before + 1);
  };

  return {
    emulator,
    post,
    postWithHeaders,
    count,
    counts,
    auditOf,
    storedBooking,
    expectStillServing,

    /**
     * The request gets the given fault, writes nothing but one audit row with that outcome, and the
     * server then serves a good request. Returns the fault for further checks. How fast is not
     * asserted: a hang fails on the test's timeout, and speed is the benchmark's to judge.
     */
    expectRefused: async (
      send: () => Promise<RawResponse>,
      expected: { code: FaultCode; source: string },
    ) => {
      const before = counts();
      const res = await send();
      const fault = await expectFault(res, expected);
      const after = counts();
      expect({ ...after, audit_log: before.audit_log }).toEqual(before);
      expect(after.audit_log).toBe(before.audit_log + 1);
      const referenceId = String(res.headers['x-servicerequestlogreferenceidentifier']);
      expect(auditOf(referenceId)).toMatchObject({
        outcome: String(expected.code),
        rule_id: expected.source,
      });
      await expectStillServing();
      return { ...fault, res };
    },

    /** A legitimate request: accepted, exactly one booking written; returns it. */
    expectBookingCreated: async (send: () => Promise<RawResponse>): Promise<StoredBooking> => {
      const before = count('bookings');
      const res = await send();
      expectAccepted(res);
      expect(count('bookings')).toBe(before + 1);
      const id = textOf(res.body, 'BookingIdentifier');
      const stored = id ? storedBooking(id) : undefined;
      if (!stored) throw new Error(`the accepted booking ${String(id)} is not in the store`);
      await expectStillServing();
      return stored;
    },
  };
};

export type Harness = ReturnType<typeof harness>;
