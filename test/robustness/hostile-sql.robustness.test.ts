/**
 * Issue 5, item 1 (part three): SQL metacharacters in every free-text field of the contracts are
 * stored and read back verbatim, and nothing but the expected rows is written; SQL in typed fields
 * (a CPR, a GUID) is refused by the schema.
 */
import type { RunningEmulator } from '../../src/emulator';
import { loadLibxml } from '../../src/soap/libxml';
import { getBookingDetailsBody, headersOf } from '../helpers/dfdg-calls';
import { startTestEmulator } from '../helpers/emulator';
import { batchJob, envelope, requestBody, soapAction } from '../helpers/envelope';
import { expectAccepted } from '../helpers/fault-assertions';
import {
  ANNA,
  CASEWORKER,
  goodCreateXml,
  harness,
  JOBCENTER,
  xmlEscape,
  type Harness,
} from './support/refusal-harness';

let emulator: RunningEmulator;
let h: Harness;
beforeAll(async () => {
  emulator = await startTestEmulator();
  h = harness(emulator);
});
afterAll(() => emulator.stop());

describe('SQL metacharacters in every free-text field', () => {
  /** Every free-text field of the contracts (within its XSD length), each with its own payload. */
  const VALUES = {
    originSystemIdentifier: `x'); DROP TABLE bookings; --`,
    meetingLocation: `" OR ""=" ) UNION SELECT fingerprint, name FROM certificates -- <b>&amp;</b>`,
    // An xs:anyURI: no spaces, the rest of the SQL as it would come.
    digitalMeetingLink: `https://meet.example.dk/r?id=1');DROP%20TABLE%20bookings;--&pin='||'1`,
    caseworkerName: `Robert'); DELETE FROM audit_log WHERE ('1'='1`,
    userFullName: `'||(SELECT group_concat(fingerprint) FROM certificates)||'`,
    userIdentifier: `CVR:12345678-FID:42' AND 1=0 UNION ALL SELECT NULL, sqlite_version() /* %_\\ */ --`,
    userEmail: `o'neil"--%_*|'OR'1'='1@x'--.dk`,
    cancellationReason: `'; UPDATE bookings SET status = 'Active'; -- \\' \\" %_ ; /* */ # \u00e6\u00f8\u00e5 \u{1F600}`,
  } as const;

  const schema = (): string[] =>
    (
      emulator.store.db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all() as {
        type: string;
        name: string;
        sql: string | null;
      }[]
    ).map((r) => `${r.type} ${r.name} ${r.sql ?? ''}`);

  /** The text of the first element with this local name in a response (namespace-agnostic). */
  const responseTexts = async (xml: string): Promise<Map<string, string>> => {
    const libxml = await loadLibxml();
    const doc = libxml.XmlDocument.fromString(xml);
    const texts = new Map<string, string>();
    try {
      const walk = (el: InstanceType<typeof libxml.XmlElement>): void => {
        if (!texts.has(el.name) && el.firstChild && !(el.firstChild instanceof libxml.XmlElement))
          texts.set(el.name, el.content);
        for (let c = el.firstChild; c; c = c.next) if (c instanceof libxml.XmlElement) walk(c);
      };
      walk(doc.root);
      return texts;
    } finally {
      doc.dispose();
    }
  };

  it('When every string field carries SQL, then it is stored and read back verbatim, and only the expected rows are written', async () => {
    const schemaBefore = schema();
    const before = h.counts();
    const user = {
      ...batchJob(JOBCENTER),
      name: xmlEscape(VALUES.userFullName),
      identifier: xmlEscape(VALUES.userIdentifier),
      email: xmlEscape(VALUES.userEmail),
    };
    const create = goodCreateXml(
      {
        meetingLocation: xmlEscape(VALUES.meetingLocation),
        contactType: 8,
        digitalMeetingLink: xmlEscape(VALUES.digitalMeetingLink),
        caseworkerName: xmlEscape(VALUES.caseworkerName),
      },
      headersOf(JOBCENTER, user),
    ).replace(
      '<bk:PersonCivilRegistrationIdentifier>',
      `<bk:OriginSystemIdentifier>${xmlEscape(VALUES.originSystemIdentifier)}</bk:OriginSystemIdentifier><bk:PersonCivilRegistrationIdentifier>`,
    );
    const stored = await h.expectBookingCreated(() => h.post(create));
    const id = stored.id;

    const remove = envelope(
      requestBody('BookingService', 'DeleteBooking', {
        BookingIdentifier: id,
        PersonCivilRegistrationIdentifier: ANNA,
        CancellationReason: xmlEscape(VALUES.cancellationReason),
      }),
      headersOf(JOBCENTER, user),
    );
    expectAccepted(await h.post(remove, { soapAction: soapAction('BookingService', 'DeleteBooking') }));

    const details = await h.post(envelope(getBookingDetailsBody(id), headersOf(JOBCENTER, CASEWORKER)), {
      soapAction: soapAction('BookingService', 'GetBookingDetails'),
    });
    expectAccepted(details);
    const read = await responseTexts(details.body);
    // The read form has no CancellationReason (Booking.xsd): that one is checked in the row below.
    const readable = Object.fromEntries(
      Object.entries(VALUES).filter(([field]) => field !== 'cancellationReason'),
    );
    expect({
      originSystemIdentifier: read.get('OriginSystemIdentifier'),
      meetingLocation: read.get('MeetingLocation'),
      digitalMeetingLink: read.get('DigitalMeetingLink'),
      caseworkerName: read.get('CaseworkerName'),
      userFullName: read.get('UserFullName'),
      userIdentifier: read.get('UserIdentifier'),
      userEmail: read.get('UserEmail'),
      status: read.get('BookingStatus'),
    }).toEqual({ ...readable, status: 'Cancelled' });

    const row = h.storedBooking(id);
    expect(row).toMatchObject({
      origin_system_identifier: VALUES.originSystemIdentifier,
      meeting_location: VALUES.meetingLocation,
      digital_meeting_link: VALUES.digitalMeetingLink,
      caseworker_name: VALUES.caseworkerName,
      cancellation_reason: VALUES.cancellationReason,
      status: 'Cancelled',
    });
    expect(JSON.parse(row?.creator_metadata ?? '{}')).toMatchObject({
      userFullName: VALUES.userFullName,
      userIdentifier: VALUES.userIdentifier,
      userEmail: VALUES.userEmail,
    });

    // Written: the booking (+ the control booking expectBookingCreated makes), its Created and
    // Cancelled history rows (+1 control), two WSRM messages per write to Anna's jobcenter and
    // a-kasse (+2 control), the control's reminder (Anna's was removed on cancel), 5 audit rows.
    expect(h.counts()).toEqual({
      ...before,
      bookings: before.bookings + 2,
      booking_history: before.booking_history + 3,
      wsrm_messages: before.wsrm_messages + 6,
      reminders: before.reminders + 1,
      audit_log: before.audit_log + 4,
    });
    expect(schema()).toEqual(schemaBefore);
  });

  it.each<[string, string, Record<string, string>]>([
    [
      'GetBookings',
      'PersonCivilRegistrationIdentifier',
      { PersonCivilRegistrationIdentifier: `' OR '1'='1` },
    ],
    ['GetBookingDetails', 'BookingIdentifier', { BookingIdentifier: `x' OR 1=1 --` }],
  ])('When %s gets SQL as its %s, then 1014 REQ-SCHEMA', async (operation, _field, children) => {
    await h.expectRefused(
      () =>
        h.post(
          envelope(requestBody('BookingService', operation, children), headersOf(JOBCENTER, CASEWORKER)),
          {
            soapAction: soapAction('BookingService', operation),
          },
        ),
      { code: 1014, source: 'REQ-SCHEMA' },
    );
  });
});
