import type { ConformanceMode } from '../../../src/domain/decision';
import type { RunningEmulator } from '../../../src/emulator';
import { adminClient } from '../../helpers/admin-client';
import { callSoap, getBookingsBody, headersOf, ORG } from '../../helpers/dfdg-calls';
import { startTestEmulator } from '../../helpers/emulator';
import { caseworker, type Org, type User } from '../../helpers/envelope';
import { expectAccepted, expectFault } from '../../helpers/fault-assertions';
import type { RawResponse } from '../../helpers/soap-request';

/** A fixture citizen of jobcenter 75100 and a-kasse 17 (README, fixtures). */
const ANNA = '0101575001';

interface JournalDecision {
  ruleId: string;
  passed: boolean;
  why: string;
  kind: 'dfdg' | 'commitment';
  warning: boolean;
}

/** The same calls against an emulator in each conformance mode (RULES.md, revision 2). */
describe.each<ConformanceMode>(['strict', 'dfdg'])('--conformance %s', (mode) => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startTestEmulator({ conformance: mode });
  });
  afterAll(() => emulator.stop());

  /** GetBookings of Anna, as a-kasse 2/17 (its own certificate) for the user given. */
  const asFoa = (user: User): Promise<RawResponse> =>
    callSoap(emulator.soapUrl, {
      operation: 'GetBookings',
      body: getBookingsBody(ANNA),
      headers: headersOf(ORG.foa, user),
      cert: '2-17',
    });

  /** The call's decisions as GET /admin/journal shows them. */
  const journalDecisions = async (res: RawResponse): Promise<JournalDecision[]> => {
    const referenceId = String(res.headers['x-servicerequestlogreferenceidentifier']);
    const journal = await adminClient(emulator.adminUrl).get<{
      items: Array<{ referenceId: string; decisions: JournalDecision[] }>;
    }>('/admin/journal');
    expect(journal.status).toBe(200);
    const entry = journal.body.items.find((e) => e.referenceId === referenceId);
    expect(entry).toBeDefined();
    return entry?.decisions ?? [];
  };

  /** The dashboard's detail pane of the call, as the browser fetches it. */
  const callDetail = async (res: RawResponse): Promise<string> => {
    const referenceId = String(res.headers['x-servicerequestlogreferenceidentifier']);
    const page = await fetch(`${emulator.adminUrl}/dashboard/calls/${referenceId}`);
    expect(page.status).toBe(200);
    return page.text();
  };

  /** The decisions that did not simply pass: a refusal or a warning, with its kind. */
  const notPassed = (decisions: JournalDecision[]) =>
    decisions
      .filter((d) => !d.passed || d.warning)
      .map((d) => ({ ruleId: d.ruleId, kind: d.kind, passed: d.passed, warning: d.warning }));

  it(`When GET /admin/health is read, then it says conformance ${mode}`, async () => {
    const health = await adminClient(emulator.adminUrl).get<{ conformance: string }>('/admin/health');
    expect(health.status).toBe(200);
    expect(health.body.conformance).toBe(mode);
  });

  it('When every journal decision of an accepted call is read, then each says whether DFDG checks it or it is a commitment', async () => {
    const res = await asFoa(caseworker(ORG.foa, 'Hansen, Mette'));
    expectAccepted(res);
    const decisions = await journalDecisions(res);
    expect(decisions.every((d) => d.passed && !d.warning)).toBe(true);
    expect(decisions.filter((d) => d.kind === 'commitment').map((d) => d.ruleId)).toEqual([
      'SEC-SAME-ORG',
      'SEC-USERTYPE',
    ]);
    expect(decisions.find((d) => d.ruleId === 'SEC-AO-CERT')?.kind).toBe('dfdg');
  });

  it.each<[string, User, string]>([
    ['a caseworker named "System"', caseworker(ORG.foa, 'System'), 'SEC-USERTYPE'],
    ['a caseworker of a-kasse 2/81 (same type, another code)', caseworker(ORG.akasse81), 'SEC-SAME-ORG'],
  ])(
    `When a-kasse 2/17 calls for %s, then ${mode === 'strict' ? '4413' : 'the call is served with a commitment warning'}`,
    async (_name, user, ruleId) => {
      const res = await asFoa(user);
      if (mode === 'strict') {
        await expectFault(res, { code: 4413, source: ruleId });
        expect(notPassed(await journalDecisions(res))).toEqual([
          { ruleId, kind: 'commitment', passed: false, warning: false },
        ]);
        expect(await callDetail(res)).toMatch(
          new RegExp(
            `data-testid="decision-failed"[^]*?<code>${ruleId}</code>[^<]*<span[^>]*kind-commitment`,
          ),
        );
      } else {
        expectAccepted(res);
        expect(res.body).toContain('GetBookingsResponse');
        expect(notPassed(await journalDecisions(res))).toEqual([
          { ruleId, kind: 'commitment', passed: true, warning: true },
        ]);
        // The dashboard marks the warning and says the rule is a commitment.
        const detail = await callDetail(res);
        expect(detail).toMatch(
          new RegExp(
            `data-testid="decision-warning"[^]*?<code>${ruleId}</code>[^<]*<span[^>]*kind-commitment`,
          ),
        );
        expect(detail).toMatch(/data-testid="verdict"[^>]*>\s*Accepted, with 1 commitment warning/);
      }
    },
  );

  it.each<[string, Org]>([
    ['of jobcenter 8/75100 (another type)', ORG.jobcenterAarhus],
    ["of a type-8 organisation with the a-kasse's code 17 (another type)", { type: 8, code: '17' }],
  ])(
    'When a-kasse 2/17 calls for a caseworker %s, then 4413 SEC-SAME-ORG (a DFDG check)',
    async (_name, org) => {
      const res = await asFoa(caseworker(org));
      await expectFault(res, { code: 4413, source: 'SEC-SAME-ORG' });
      expect(notPassed(await journalDecisions(res))).toEqual([
        { ruleId: 'SEC-SAME-ORG', kind: 'dfdg', passed: false, warning: false },
      ]);
    },
  );
});
