/**
 * What the emulator keeps of REST calls, over real mutual TLS: the audit row and journal entry of a
 * call refused with one of STAR's 900xx codes (SEC-AUDIT: the code the client got, the rule id
 * kept), and the historik entry's meeting with its myndighedsdeltagere as each change left them
 * (REST.md §4, "the read form after the change").
 */
import { randomUUID } from 'node:crypto';
import type { RunningEmulator } from '../../../src/emulator';
import { adminClient } from '../../helpers/admin-client';
import { startTestEmulator } from '../../helpers/emulator';
import { expectRestRefused, indkaldelseDto, restCall, restHeaders } from '../../helpers/rest-calls';
import { jobcenterCaseworker, saveCitizen } from '../../helpers/scenario-dfdg';

const NOW = new Date('2026-11-23T09:00:00Z');
const START = '2026-12-01T10:00:00+01:00';

let emulator: RunningEmulator;
let cpr: string;

beforeAll(async () => {
  emulator = await startTestEmulator({ clockStart: NOW, clockFrozen: true });
});
beforeEach(() => {
  cpr = saveCitizen(emulator);
});
afterAll(async () => {
  await emulator.stop();
});

const headers = () => restHeaders(jobcenterCaseworker, cpr);

interface Recorded {
  readonly referenceId: string;
  readonly outcome: string;
  readonly ruleId: string | null;
}

describe('SEC-AUDIT over REST: the code answered', () => {
  it('When a create is refused with 90001 (BK-VALID), then its audit row and journal entry record 90001 and the rule, and outcome=90001 finds it', async () => {
    const res = await restCall(emulator.soapUrl, 'POST', `/v2/Indkaldelse/${randomUUID()}`, {
      headers: headers(),
      body: indkaldelseDto(START, { samtaleType: 999 }),
    });
    expectRestRefused(res, 400, 90001, 'BK-VALID');
    const reference = res.headers['x-servicerequestlogreferenceidentifier'];
    const admin = adminClient(emulator.adminUrl);

    const audit = await admin.get<{ items: Recorded[] }>(`/admin/audit?cpr=${cpr}`);
    expect(audit.body.items.find((r) => r.referenceId === reference)).toMatchObject({
      outcome: '90001',
      ruleId: 'BK-VALID',
    });
    const byAuditOutcome = await admin.get<{ items: Recorded[] }>('/admin/audit?outcome=90001');
    expect(byAuditOutcome.status).toBe(200);
    expect(byAuditOutcome.body.items.map((r) => r.referenceId)).toContain(reference);
    const bySoapCode = await admin.get<{ items: Recorded[] }>('/admin/audit?outcome=4709');
    expect(bySoapCode.body.items.map((r) => r.referenceId)).not.toContain(reference);

    const journal = await admin.get<{ items: Recorded[] }>('/admin/journal?outcome=90001');
    expect(journal.status).toBe(200);
    expect(journal.body.items.find((r) => r.referenceId === reference)).toMatchObject({
      outcome: '90001',
      ruleId: 'BK-VALID',
    });
  });

  it('When a read is refused with 90036 (BK-NOT-FOUND), then the audit records 90036; a code shared with SOAP (8232) stays as it is', async () => {
    const unknown = await restCall(emulator.soapUrl, 'GET', `/v2/Indkaldelse/${randomUUID()}`, {
      headers: headers(),
    });
    expectRestRefused(unknown, 404, 90036, 'BK-NOT-FOUND');
    const noAo = Object.fromEntries(
      Object.entries(headers()).filter(([name]) => name !== 'X-ActiveOrganisation'),
    );
    const missing = await restCall(emulator.soapUrl, 'GET', `/v2/Indkaldelse/${randomUUID()}`, {
      headers: noAo,
    });
    expectRestRefused(missing, 400, 8232, 'SEC-AO-PRESENT');
    const admin = adminClient(emulator.adminUrl);
    const count = async (outcome: string, reference: unknown) =>
      (await admin.get<{ items: Recorded[] }>(`/admin/audit?outcome=${outcome}`)).body.items.filter(
        (r) => r.referenceId === reference,
      ).length;
    expect(await count('90036', unknown.headers['x-servicerequestlogreferenceidentifier'])).toBe(1);
    expect(await count('8232', missing.headers['x-servicerequestlogreferenceidentifier'])).toBe(1);
  });
});

interface Entry {
  readonly aendringstype: number;
  readonly indkaldelse: { myndighedsdeltagere: Array<{ myndighedsdeltagerId: string; navn?: string }> };
}

describe('GetIndkaldelseshistorik: the read form after the change, its myndighedsdeltagere included', () => {
  it('When a participant is added, renamed and removed, then each historik entry shows the participants as that change left them', async () => {
    const meeting = randomUUID();
    const participant = randomUUID();
    const path = `/v2/Indkaldelse/myndighedsdeltager/${participant}`;
    const send = (method: string, url: string, body?: unknown) =>
      restCall(emulator.soapUrl, method, url, { headers: headers(), body });
    expect((await send('POST', `/v2/Indkaldelse/${meeting}`, indkaldelseDto(START))).status).toBe(201);
    expect((await send('POST', path, { indkaldelseIdentifier: meeting, navn: 'Lars Berg' })).status).toBe(
      201,
    );
    expect((await send('PUT', path, { indkaldelseIdentifier: meeting, navn: 'Lars Bergmann' })).status).toBe(
      200,
    );
    expect((await send('DELETE', path)).status).toBe(200);

    const historik = await send('GET', `/v2/Indkaldelse/historik/${meeting}`);
    expect(historik.status).toBe(200);
    const entries = (historik.json as { historik: Entry[] }).historik;
    expect(entries.map((e) => e.aendringstype)).toEqual([1, 2, 2, 2]);
    expect(
      entries.map((e) => e.indkaldelse.myndighedsdeltagere.map((d) => `${d.myndighedsdeltagerId} ${d.navn}`)),
    ).toEqual([[], [`${participant} Lars Berg`], [`${participant} Lars Bergmann`], []]);

    // The citizen-wide historik shows the same entries.
    const all = await send('GET', '/v2/Indkaldelse/historik');
    expect(
      (all.json as { historik: Entry[] }).historik.map((e) => e.indkaldelse.myndighedsdeltagere.length),
    ).toEqual([0, 1, 1, 0]);
  });
});
