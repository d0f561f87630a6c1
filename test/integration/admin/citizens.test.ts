import type { RunningEmulator } from '../../../src/emulator';
import { adminClient, errorPaths, expectProblem, type AdminClient } from '../../helpers/admin-client';
import { startTestEmulator } from '../../helpers/emulator';
import { nextCpr } from '../../helpers/scenario-dfdg';

let emulator: RunningEmulator;
let admin: AdminClient;
beforeAll(async () => {
  emulator = await startTestEmulator();
  admin = adminClient(emulator.adminUrl);
});
afterAll(() => emulator.stop());

const anna = {
  name: 'Anna Testesen',
  kommune: '751',
  jobcenter: '75100',
  akasse: '17',
  selfBookingDeadlines: [
    { interviewType: 15, deadline: '2026-03-20' },
    { interviewType: 7, deadline: '2026-03-10' },
  ],
};

it('When a citizen is PUT, then the answer and a later GET are the citizen as stored, deadlines by interview type', async () => {
  const cpr = nextCpr();
  const put = await admin.put(`/admin/citizens/${cpr}`, anna);
  const stored = {
    cpr,
    ...anna,
    memberships: [{ akasse: '17', from: null, to: null }],
    andenAktoer: [],
    guestAccess: [],
    deceased: null,
    cvNumber: null,
    selfBookingDeadlines: [
      { interviewType: 7, deadline: '2026-03-10', status: 'open' },
      { interviewType: 15, deadline: '2026-03-20', status: 'open' },
    ],
  };
  expect(put).toMatchObject({ status: 200, body: stored });
  expect((await admin.get(`/admin/citizens/${cpr}`)).body).toEqual(stored);
  expect(emulator.store.citizens.find(cpr)).toEqual({ ...stored, akasse: undefined });
});

it('When a citizen is PUT again, then it is replaced whole: the deadlines sent replace the earlier ones', async () => {
  const cpr = nextCpr();
  await admin.put(`/admin/citizens/${cpr}`, anna);
  const res = await admin.put(`/admin/citizens/${cpr}`, {
    ...anna,
    akasse: null,
    selfBookingDeadlines: [{ interviewType: 15, deadline: '2026-04-01' }],
  });
  expect(res.body).toMatchObject({
    akasse: null,
    selfBookingDeadlines: [{ interviewType: 15, deadline: '2026-04-01', status: 'open' }],
  });
});

it('When deadlines are PUT with a status, then the answer, GET and the store show each status (BK-DEADLINE-STATUS)', async () => {
  const cpr = nextCpr();
  const deadlines = [
    { interviewType: 4, deadline: '2026-03-10', status: 'closed' },
    { interviewType: 7, deadline: '2026-03-10', status: 'fulfilled' },
    { interviewType: 15, deadline: '2026-03-10', status: 'open' },
  ];
  const put = await admin.put(`/admin/citizens/${cpr}`, { ...anna, selfBookingDeadlines: deadlines });
  expect(put).toMatchObject({ status: 200, body: { selfBookingDeadlines: deadlines } });
  expect((await admin.get(`/admin/citizens/${cpr}`)).body).toMatchObject({ selfBookingDeadlines: deadlines });
  expect(emulator.store.citizens.find(cpr)?.selfBookingDeadlines).toEqual(deadlines);
});

it('When a deadline is PUT with an unknown status, then 400 names the field', async () => {
  const res = await admin.put(`/admin/citizens/${nextCpr()}`, {
    ...anna,
    selfBookingDeadlines: [{ interviewType: 7, deadline: '2026-03-10', status: 'met' }],
  });
  expect(errorPaths(expectProblem(res, 400))).toEqual(['body.selfBookingDeadlines.0.status']);
});

it('When akasse and deadlines are left out, then the citizen has no a-kasse and no deadlines', async () => {
  const cpr = nextCpr();
  const res = await admin.put(`/admin/citizens/${cpr}`, { name: 'Bo', kommune: '101', jobcenter: '10100' });
  expect(res.body).toEqual({
    cpr,
    name: 'Bo',
    kommune: '101',
    jobcenter: '10100',
    akasse: null,
    memberships: [],
    andenAktoer: [],
    guestAccess: [],
    deceased: null,
    cvNumber: null,
    selfBookingDeadlines: [],
  });
});

it('When a citizen is PUT with memberships, anden aktører, a guest access, a death date and a CV number, then GET and the list show them', async () => {
  const cpr = nextCpr();
  const body = {
    name: anna.name,
    kommune: anna.kommune,
    jobcenter: anna.jobcenter,
    selfBookingDeadlines: anna.selfBookingDeadlines,
    memberships: [
      { akasse: '81', from: '2020-01-01', to: '2025-12-31' },
      { akasse: '17', from: '2026-01-01', to: null },
    ],
    andenAktoer: ['35669035'],
    guestAccess: [{ organisation: '8:10100', until: '2026-03-01T23:59:59.000+01:00' }],
    deceased: '2026-02-01',
    cvNumber: '12345678',
  };
  const put = await admin.put(`/admin/citizens/${cpr}`, body);
  expect(put.status).toBe(200);
  const expected = { ...body, akasse: '17', selfBookingDeadlines: expect.any(Array) as unknown };
  expect((await admin.get(`/admin/citizens/${cpr}`)).body).toEqual({ cpr, ...expected });
  const list = (await admin.get('/admin/citizens')).body as { items: { cpr: string }[] };
  // Listed with who may see the citizen; a-kasse 81's and the guest's depend on today's date.
  const seenByAnyTime = [
    { type: 2, code: '17' },
    { type: 4, code: '35669035' },
    { type: 5, code: '4' },
    { type: 7, code: '751' },
    { type: 8, code: '75100' },
  ];
  expect(list.items.find((c) => c.cpr === cpr)).toEqual({
    cpr,
    ...expected,
    visibleTo: expect.arrayContaining(seenByAnyTime) as unknown,
  });
  expect(list.items.map((c) => c.cpr)).toEqual(expect.arrayContaining(['0101575001', '0606575006', cpr]));
});

it('When an unknown citizen is read, then 404 problem', async () => {
  const problem = expectProblem(await admin.get(`/admin/citizens/${nextCpr()}`), 404);
  expect(problem.title).toBe('Not Found');
});

it.each<[string, string, unknown, string[]]>([
  ['a CPR of 9 digits', '010157500', anna, ['params.cpr']],
  ['a CPR with day 32', '3201575001', anna, ['params.cpr']],
  ['no fields', '0101575001', {}, ['body.jobcenter', 'body.kommune', 'body.name']],
  ['a jobcenter code of 3 digits', '0101575001', { ...anna, jobcenter: '751' }, ['body.jobcenter']],
  ['an a-kasse that is a name', '0101575001', { ...anna, akasse: 'FOA' }, ['body.akasse']],
  [
    'a date that does not exist',
    '0101575001',
    { ...anna, selfBookingDeadlines: [{ interviewType: 19, deadline: '2026-02-30' }] },
    ['body.selfBookingDeadlines.0.deadline'],
  ],
  [
    'an interview type outside the code list (1..19)',
    '0101575001',
    { ...anna, selfBookingDeadlines: [{ interviewType: 20, deadline: '2026-03-10' }] },
    ['body.selfBookingDeadlines.0.interviewType'],
  ],
  [
    'two deadlines for one interview type',
    '0101575001',
    {
      ...anna,
      selfBookingDeadlines: [
        { interviewType: 7, deadline: '2026-03-10' },
        { interviewType: 7, deadline: '2026-03-11' },
      ],
    },
    ['body.selfBookingDeadlines'],
  ],
  ['a misspelt field', '0101575001', { ...anna, akase: '17' }, ['body.akase']],
  [
    'both akasse and memberships',
    '0101575001',
    { ...anna, memberships: [{ akasse: '17', from: null, to: null }] },
    ['body.memberships'],
  ],
  [
    'a membership that ends before it starts',
    '0101575001',
    {
      name: 'A',
      kommune: '751',
      jobcenter: '75100',
      memberships: [{ akasse: '17', from: '2026-02-01', to: '2026-01-01' }],
    },
    ['body.memberships.0'],
  ],
  [
    'a guest access without an offset and an anden aktør that is not a CVR',
    '0101575001',
    {
      ...anna,
      guestAccess: [{ organisation: '8:10100', until: '2026-03-01T10:00:00' }],
      andenAktoer: ['123'],
    },
    ['body.andenAktoer.0', 'body.guestAccess.0.until'],
  ],
])(
  'When PUT /admin/citizens gets %s, then 400 naming the fields and nothing is stored',
  async (_name, cpr, body, paths) => {
    const before = emulator.store.citizens.find(cpr);
    const problem = expectProblem(await admin.put(`/admin/citizens/${cpr}`, body), 400);
    expect(errorPaths(problem)).toEqual(paths);
    expect(emulator.store.citizens.find(cpr)).toEqual(before);
  },
);

it('When GET /admin/citizens gets a malformed CPR, then 400, not 404', async () => {
  expect(errorPaths(expectProblem(await admin.get('/admin/citizens/abc'), 400))).toEqual(['params.cpr']);
});

describe("Relative dates, from the emulator's today (as fixture files write them)", () => {
  beforeAll(async () => {
    // 2 March 2026 in Copenhagen; a guest access 30 days on ends after the change to summer time.
    expect((await admin.put('/admin/clock', { now: '2026-03-02T10:00:00+01:00', frozen: true })).status).toBe(
      200,
    );
  });
  afterAll(async () => {
    await admin.put('/admin/clock', { frozen: false });
  });

  it('When a citizen is PUT with "+14d", "-3d" and "+30d 23:59", then they are stored as the dates they name', async () => {
    const cpr = nextCpr();
    const res = await admin.put(`/admin/citizens/${cpr}`, {
      name: 'Rita Relativ',
      kommune: '751',
      jobcenter: '75100',
      memberships: [{ akasse: '17', from: '-200d', to: '+10d' }],
      guestAccess: [{ organisation: '8:10100', until: '+30d 23:59' }],
      deceased: '-10d',
      selfBookingDeadlines: [
        { interviewType: 7, deadline: '+14d' },
        { interviewType: 15, deadline: '-3d', status: 'fulfilled' },
      ],
    });
    expect(res.status).toBe(200);
    const stored = {
      memberships: [{ akasse: '17', from: '2025-08-14', to: '2026-03-12' }],
      guestAccess: [{ organisation: '8:10100', until: '2026-04-01T23:59:00.000+02:00' }],
      deceased: '2026-02-20',
      selfBookingDeadlines: [
        { interviewType: 7, deadline: '2026-03-16', status: 'open' },
        { interviewType: 15, deadline: '2026-02-27', status: 'fulfilled' },
      ],
    };
    expect(res.body).toMatchObject(stored);
    expect((await admin.get(`/admin/citizens/${cpr}`)).body).toMatchObject(stored);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'a relative date without its d',
      { selfBookingDeadlines: [{ interviewType: 7, deadline: '+14' }] },
      ['body.selfBookingDeadlines.0.deadline'],
    ],
    [
      'an hour that does not exist',
      { guestAccess: [{ organisation: '8:10100', until: '+3d 25:00' }] },
      ['body.guestAccess.0.until'],
    ],
    ['a relative instant for a date', { deceased: '+3d 10:00' }, ['body.deceased']],
    [
      'a membership that ends before it starts',
      { memberships: [{ akasse: '17', from: '+10d', to: '-10d' }] },
      ['body.memberships.0'],
    ],
  ])(
    'When a citizen is PUT with %s, then 400 names it and nothing is stored',
    async (_name, fields, paths) => {
      const cpr = nextCpr();
      const body = { name: 'Rita Relativ', kommune: '751', jobcenter: '75100', ...fields };
      expect(errorPaths(expectProblem(await admin.put(`/admin/citizens/${cpr}`, body), 400))).toEqual(paths);
      expect(emulator.store.citizens.find(cpr)).toBeUndefined();
    },
  );
});
