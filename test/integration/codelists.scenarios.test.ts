import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeListItem, CodeListName } from '../../src/domain/codelists';
import { CODE_LIST_NAMES } from '../../src/domain/codelists';
import type { RunningEmulator } from '../../src/emulator';
import { PROJECT_ROOT } from '../../src/project-root';
import { adminClient, errorPaths, expectProblem, type AdminClient } from '../helpers/admin-client';
import { startAdminWorld, stopAdminWorld } from '../helpers/admin-world';
import { startTestEmulator } from '../helpers/emulator';
import {
  acceptedPayload,
  akasseCaseworker,
  all,
  caseworkerBooking,
  dfdgScenario,
  expectRuleFault,
  has,
  jobcenterCaseworker,
  meetingAt,
  readBooking,
  saveCitizen,
  textIn,
  type DfdgScenario,
} from '../helpers/scenario-dfdg';

/**
 * Code lists as data (CONTRACT.md CodelistService, RULES.md REQ-CODELIST, BK-VALID, VIS-AKASSE):
 * through the real socket, with the lists changed through the admin API and kept in the SQLite file.
 * The clock stands frozen on 2026-03-02 10:00 Copenhagen time, so "today" is 2026-03-02.
 */
const NOW = '2026-03-02T10:00:00+01:00';
const TODAY = '2026-03-02';
const TOMORROW = '2026-03-03';
const MEETING = '2026-03-20T09:00:00+01:00';

const FILE_LISTS = JSON.parse(
  readFileSync(join(PROJECT_ROOT, 'fixtures', 'codelists.json'), 'utf8'),
) as Record<CodeListName, CodeListItem[]>;

let emulator: RunningEmulator & { dbPath: string };
let dfdg: DfdgScenario;
let admin: AdminClient;

const freeze = async (): Promise<void> => {
  expect((await admin.put('/admin/clock', { now: NOW, frozen: true })).status).toBe(200);
};

beforeAll(async () => {
  const world = await startAdminWorld();
  emulator = world.emulator as RunningEmulator & { dbPath: string };
  ({ dfdg, admin } = world);
  await freeze();
});
afterAll(() => stopAdminWorld({ emulator, dfdg }));
beforeEach(async () => {
  expect((await admin.post('/admin/reset')).status).toBe(200);
  await freeze();
});

/** PUT the file's list with one item changed. */
const putWithItem = (list: CodeListName, id: number, change: Partial<CodeListItem>) =>
  admin.put(`/admin/codelists/${list}`, {
    items: FILE_LISTS[list].map((i) => (i.id === id ? { ...i, ...change } : i)),
  });

const createBooking = (cpr: string, interviewType: number) =>
  dfdg.createBooking(
    jobcenterCaseworker,
    caseworkerBooking(cpr, MEETING, { interviewType, ...meetingAt(MEETING) }),
  );

describe('CodelistService.GetCodeList', () => {
  it.each(CODE_LIST_NAMES)(
    'When a client asks for the list %s, then it gets every value of the code-list file with its id, name and validity, valid against the XSD',
    async (name) => {
      const payload = await acceptedPayload('CodelistService', await dfdg.codeList('8-75100', name));
      const items = all(payload, 'CodeListItem').map((i) => ({
        id: Number(textIn(i, 'CodeListItemIdentifier')),
        name: textIn(i, 'Name'),
        validFrom: textIn(i, 'ValidFrom'),
        validTo: has(i, 'ValidTo') ? textIn(i, 'ValidTo') : null,
      }));
      expect(items).toEqual(
        FILE_LISTS[name].map(({ id, name: n, validFrom, validTo }) => ({ id, name: n, validFrom, validTo })),
      );
      expect(items.length).toBeGreaterThan(0);
    },
  );

  it('When a client asks for a list the emulator does not know, then DFDG’s 2001 "Invalid CodeList name"', async () => {
    const res = await dfdg.codeList('2-17', 'InterviewTypes');
    expectRuleFault(res, 2001, 'CL-UNKNOWN-LIST');
    expect(res.body).toContain('<faultstring>Invalid CodeList name</faultstring>');
  });

  it('When an interview type was given an end through the admin API, then GetInterviewTypes and GetCodeList show its ValidTo', async () => {
    expect((await putWithItem('InterviewType', 9, { validTo: TOMORROW })).status).toBe(200);
    const types = await acceptedPayload('CodelistService', await dfdg.interviewTypes('8-75100'));
    const nine = all(types, 'InterviewType').find((t) => textIn(t, 'CodeListItemIdentifier') === '9');
    expect(nine && textIn(nine, 'ValidTo')).toBe(TOMORROW);
    const list = await acceptedPayload('CodelistService', await dfdg.codeList('8-75100', 'InterviewType'));
    const nineAgain = all(list, 'CodeListItem').find((t) => textIn(t, 'CodeListItemIdentifier') === '9');
    expect(nineAgain && textIn(nineAgain, 'ValidTo')).toBe(TOMORROW);
  });
});

describe('BK-VALID and VIS-AKASSE read the interview types from the data', () => {
  it('When a jobcenter books interview type 19 (Fælles Jobsamtale med dagpengemodtager), then it is accepted, and the citizen’s a-kasse sees it', async () => {
    const cpr = saveCitizen(emulator);
    const id = await dfdg.createdBookingId(
      jobcenterCaseworker,
      caseworkerBooking(cpr, MEETING, { interviewType: 19, ...meetingAt(MEETING) }),
    );
    const seen = await dfdg.bookingDetails(akasseCaseworker, id);
    expect(seen.interviewType).toBe(19);
    const listed = await acceptedPayload(
      'BookingService',
      await dfdg.call(akasseCaseworker, 'BookingService', 'GetBookings', getBookingsXml(cpr)),
    );
    expect(all(listed, 'Booking').map((b) => readBooking(b).id)).toEqual([id]);
  });

  it('When a booking names interview type 20, which no list holds, then STAR’s 4709 (BK-VALID) and nothing is stored', async () => {
    const cpr = saveCitizen(emulator);
    const res = await createBooking(cpr, 20);
    expectRuleFault(res, 4709, 'BK-VALID');
    expect(res.body).toContain('The submitted InterviewTypeIdentifier is invalid');
    expect(emulator.store.bookings.listByCpr(cpr)).toEqual([]);
  });

  it('When the admin API removes interview type 8 from the list, then a booking of type 8 is 4709 (the list is data)', async () => {
    const res = await admin.put('/admin/codelists/InterviewType', {
      items: FILE_LISTS.InterviewType.filter((t) => t.id !== 8),
    });
    expect(res.status).toBe(200);
    expectRuleFault(await createBooking(saveCitizen(emulator), 8), 4709, 'BK-VALID');
  });
});

describe('REQ-CODELIST (2003): a known value outside its validity, at the emulator’s clock', () => {
  it.each<[string, Partial<CodeListItem>, number | null]>([
    ['ends today (validTo is the first day it is no longer valid, STAR P28)', { validTo: TODAY }, 2003],
    ['ends tomorrow (today is its last day)', { validTo: TOMORROW }, null],
    ['starts tomorrow', { validFrom: TOMORROW }, 2003],
    ['starts today', { validFrom: TODAY }, null],
    ['started long ago and has no end', { validFrom: '2010-01-01', validTo: null }, null],
  ])('When interview type 9 %s, then CreateBooking answers (%j) %s', async (_label, change, code) => {
    expect((await putWithItem('InterviewType', 9, change)).status).toBe(200);
    const cpr = saveCitizen(emulator);
    const res = await createBooking(cpr, 9);
    if (code === null) {
      await acceptedPayload('BookingService', res);
    } else {
      expectRuleFault(res, 2003, 'REQ-CODELIST');
      expect(res.body).toContain('<faultstring>Use of expired CodeList value not allowed</faultstring>');
      expect(emulator.store.bookings.listByCpr(cpr)).toEqual([]);
    }
  });

  it('When a booking’s interview type has expired, then UpdateBooking is 2003 too, and the booking is unchanged', async () => {
    const cpr = saveCitizen(emulator);
    const fields = caseworkerBooking(cpr, MEETING, { interviewType: 7, ...meetingAt(MEETING) });
    const id = await dfdg.createdBookingId(jobcenterCaseworker, fields);
    expect((await putWithItem('InterviewType', 11, { validTo: TODAY })).status).toBe(200);
    expectRuleFault(
      await dfdg.updateBooking(jobcenterCaseworker, { ...fields, id, interviewType: 11 }),
      2003,
      'REQ-CODELIST',
    );
    expect(emulator.store.bookings.find(id)?.interviewType).toBe(7);
  });

  it('When the meeting organisation’s type has expired, then CreateBooking is 2003', async () => {
    expect((await putWithItem('OrganisationType', 8, { validTo: TODAY })).status).toBe(200);
    expectRuleFault(await createBooking(saveCitizen(emulator), 7), 2003, 'REQ-CODELIST');
  });

  it('When the clock passes an end date, then the same request goes from accepted to 2003', async () => {
    expect((await putWithItem('InterviewType', 10, { validTo: TOMORROW })).status).toBe(200);
    await acceptedPayload('BookingService', await createBooking(saveCitizen(emulator), 10));
    expect((await admin.put('/admin/clock', { advance: 'P1D' })).status).toBe(200);
    expectRuleFault(await createBooking(saveCitizen(emulator), 10), 2003, 'REQ-CODELIST');
  });
});

describe('Admin API /admin/codelists', () => {
  it('When the lists are listed, then the six names come back, and each list answers as in the file', async () => {
    const names = await admin.get<{ items: string[] }>('/admin/codelists');
    expect(names.body.items).toEqual([...CODE_LIST_NAMES]);
    const types = await admin.get<{ name: string; items: CodeListItem[] }>('/admin/codelists/InterviewType');
    expect(types.body).toEqual({ name: 'InterviewType', items: FILE_LISTS.InterviewType });
    expect(types.body.items.filter((t) => t.visibleToUnemploymentFund).map((t) => t.id)).toEqual([
      7, 8, 9, 10, 11, 12, 13, 15, 17, 19,
    ]);
  });

  it('When an unknown list is asked for or replaced, then 404', async () => {
    expectProblem(await admin.get('/admin/codelists/Nope'), 404);
    expectProblem(await admin.put('/admin/codelists/Nope', { items: FILE_LISTS.InterviewType }), 404);
  });

  it('When a list is replaced with bad items, then 400 names each bad field, and the list is unchanged', async () => {
    const res = await admin.put('/admin/codelists/InterviewType', {
      items: [
        { id: 1, name: 'A', validFrom: '2026-02-30', visibleToUnemploymentFund: false },
        { id: 2, name: 'B', validFrom: '2026-03-02', validTo: '2026-03-01', visibleToUnemploymentFund: true },
        { id: 3, name: 'C', validFrom: '2026-03-02' },
        { id: 3, name: 'D', validFrom: '2026-03-02', visibleToUnemploymentFund: true, colour: 'red' },
      ],
    });
    const problem = expectProblem(res, 400);
    expect(errorPaths(problem)).toEqual(['body.items.0.validFrom', 'body.items.3.colour']);
    const later = await admin.put('/admin/codelists/InterviewType', {
      items: [
        { id: 2, name: 'B', validFrom: '2026-03-02', validTo: '2026-03-01', visibleToUnemploymentFund: true },
        { id: 3, name: 'C', validFrom: '2026-03-02' },
        { id: 3, name: 'D', validFrom: '2026-03-02', visibleToUnemploymentFund: true },
      ],
    });
    expect(errorPaths(expectProblem(later, 400))).toEqual([
      'body.items.0.validTo',
      'body.items.1.visibleToUnemploymentFund',
      'body.items.2.id',
    ]);
    expectProblem(await admin.put('/admin/codelists/RequestUserType', { items: [] }), 400);
    const flagged = await admin.put('/admin/codelists/RequestUserType', {
      items: [{ id: 1, name: 'Citizen', validFrom: '2010-01-01', visibleToUnemploymentFund: true }],
    });
    expect(errorPaths(expectProblem(flagged, 400))).toEqual(['body.items.0.visibleToUnemploymentFund']);
    expect((await admin.get('/admin/codelists/InterviewType')).body).toEqual({
      name: 'InterviewType',
      items: FILE_LISTS.InterviewType,
    });
  });

  it('When a list was changed, then it survives a restart on the same database file, and POST /admin/reset brings back the file’s list', async () => {
    expect(
      (await putWithItem('InterviewType', 9, { validTo: TODAY, name: 'Informationsmøde (udløbet)' })).status,
    ).toBe(200);
    await stopAdminWorld({ emulator, dfdg });
    emulator = await startTestEmulator({ dbPath: emulator.dbPath });
    dfdg = dfdgScenario(emulator);
    admin = adminClient(emulator.adminUrl);
    await freeze();
    const nine = (
      await admin.get<{ items: CodeListItem[] }>('/admin/codelists/InterviewType')
    ).body.items.find((t) => t.id === 9);
    expect(nine).toMatchObject({ validTo: TODAY, name: 'Informationsmøde (udløbet)' });
    expectRuleFault(await createBooking(saveCitizen(emulator), 9), 2003, 'REQ-CODELIST');

    expect((await admin.post('/admin/reset')).status).toBe(200);
    await freeze();
    expect((await admin.get('/admin/codelists/InterviewType')).body).toEqual({
      name: 'InterviewType',
      items: FILE_LISTS.InterviewType,
    });
    await acceptedPayload('BookingService', await createBooking(saveCitizen(emulator), 9));
  });
});

describe('The code-list file', () => {
  const writeList = (content: unknown): string => {
    const path = join(mkdtempSync(join(tmpdir(), 'dfdg-codelists-')), 'codelists.json');
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };

  it('When the file holds a bad list, then the emulator does not start, and the error names the file and each bad field', async () => {
    const bad = {
      ...FILE_LISTS,
      InterviewType: FILE_LISTS.InterviewType.map((t) => (t.id === 7 ? { ...t, validFrom: '7 March' } : t)),
      OrganisationType: undefined,
    };
    const path = writeList(bad);
    const started = startTestEmulator({ codelistsPath: path });
    await expect(started).rejects.toThrow(path);
    await expect(started).rejects.toThrow(/InterviewType\.6\.validFrom: a date YYYY-MM-DD/);
    await expect(started).rejects.toThrow(/OrganisationType: /);
  });

  it('When the file is not JSON, then the emulator does not start and says so', async () => {
    await expect(startTestEmulator({ codelistsPath: writeList('{ not json') })).rejects.toThrow(
      /cannot be used/,
    );
  });

  it('When a user replaces the file with other lists, then the emulator serves and enforces those', async () => {
    const theirs = {
      ...FILE_LISTS,
      InterviewType: [
        ...FILE_LISTS.InterviewType.filter((t) => t.id !== 19),
        {
          id: 20,
          name: 'A-kasse forsøgssamtale',
          validFrom: '2020-01-01',
          validTo: null,
          source: 'P18',
          visibleToUnemploymentFund: true,
        },
      ],
    };
    const other = await startTestEmulator({ codelistsPath: writeList(theirs) });
    const otherDfdg = dfdgScenario(other);
    try {
      const payload = await acceptedPayload('CodelistService', await otherDfdg.interviewTypes('8-75100'));
      expect(all(payload, 'InterviewType').map((t) => textIn(t, 'CodeListItemIdentifier'))).toContain('20');
      const cpr = saveCitizen(other);
      const res19 = await otherDfdg.createBooking(
        jobcenterCaseworker,
        caseworkerBooking(cpr, MEETING, { interviewType: 19, ...meetingAt(MEETING) }),
      );
      expectRuleFault(res19, 4709, 'BK-VALID');
      const id = textIn(
        await acceptedPayload(
          'BookingService',
          await otherDfdg.createBooking(
            jobcenterCaseworker,
            caseworkerBooking(cpr, '2099-03-20T09:00:00+01:00', {
              interviewType: 20,
              ...meetingAt('2099-03-20T09:00:00+01:00'),
            }),
          ),
        ),
        'BookingIdentifier',
      );
      expect((await otherDfdg.bookingDetails(akasseCaseworker, id)).interviewType).toBe(20);
    } finally {
      otherDfdg.close();
      await other.stop();
    }
  });
});

const getBookingsXml = (cpr: string): string =>
  `<s:GetBookingsRequest xmlns:s="http://service.bm.dk/BookingService/2020/02/01/"><s:PersonCivilRegistrationIdentifier>${cpr}</s:PersonCivilRegistrationIdentifier></s:GetBookingsRequest>`;
