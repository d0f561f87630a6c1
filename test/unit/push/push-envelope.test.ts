import { fristEnvelope, fristIdOf, indkaldelseEnvelope } from '../../../src/push/push-envelope';

const AT = new Date('2027-03-01T09:15:00Z');
const FACTS = {
  messageId: '6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9',
  occurred: AT,
  aendringstype: 2 as const,
  cpr: '0101575001',
};

describe('Indkaldelse envelope (REST.md §7)', () => {
  it("When a meeting changes, then the envelope carries STAR's EntitetId 90000, the indkaldelseId as EksternIdentifier and the CPR as identification", () => {
    const readForm = { indkaldelseId: '3f2b6c1e-8d4a-4b7e-9a51-0c2d9e8f7a10', samtaleType: 7 };
    const registering = {
      registeringAuthority: { organisationType: 8, organisationCode: '75100' },
      registeringUser: { requestUserStructure: { userFullName: 'Mette Hansen' } },
    };
    expect(indkaldelseEnvelope(readForm.indkaldelseId, readForm, { ...FACTS, registering })).toEqual({
      messageType: 'Indkaldelse',
      entitetId: 90000,
      messageId: FACTS.messageId,
      occurred: '2027-03-01T10:15:00.000+01:00',
      aendringstype: 2,
      eksternIdentifier: readForm.indkaldelseId,
      identifikationstypeId: 1,
      identifikation: '0101575001',
      registeringAuthority: registering.registeringAuthority,
      registeringUser: registering.registeringUser,
      indkaldelse: readForm,
    });
  });

  it('When no call caused the change, then the registering fields are absent, not null', () => {
    const envelope = indkaldelseEnvelope('3f2b6c1e-8d4a-4b7e-9a51-0c2d9e8f7a10', {}, FACTS);
    expect(Object.keys(envelope)).not.toContain('registeringAuthority');
    expect(Object.keys(envelope)).not.toContain('registeringUser');
  });
});

describe('Frist envelope (REST.md §7, P17, P21)', () => {
  it("When a deadline is set, then the envelope has EntitetId 90001 and the deadline in P17's names with its status id", () => {
    const envelope = fristEnvelope({ interviewType: 7, deadline: '2027-03-10', status: 'open' }, FACTS);
    expect(envelope).toMatchObject({
      messageType: 'Frist',
      entitetId: 90001,
      aendringstype: 2,
      identifikation: '0101575001',
      frist: {
        samtaleType: 7,
        fristdato: '2027-03-10',
        sidsteAfholdelsesdato: '2027-03-17',
        friststatusType: 1,
      },
    });
    expect(envelope.eksternIdentifier).toBe(envelope.frist.fristId);
  });

  it.each([
    ['fulfilled', 2],
    ['closed', 3],
  ] as const)('When the deadline is %s, then friststatusType is %i', (status, id) => {
    expect(
      fristEnvelope({ interviewType: 7, deadline: '2027-03-10', status }, FACTS).frist.friststatusType,
    ).toBe(id);
  });

  it('When the meeting that fulfilled a deadline has begun its day, then the Frist shows it closed (BK-DEADLINE-STATUS)', () => {
    const deadline = {
      interviewType: 7,
      deadline: '2027-03-10',
      status: 'fulfilled' as const,
      fulfilledBy: { bookingId: 'b', start: new Date('2027-03-01T12:00:00Z') },
    };
    expect(fristEnvelope(deadline, FACTS).frist.friststatusType).toBe(3);
  });

  it('fristId is a UUID that stays the same for one citizen and interview type, and differs otherwise', () => {
    const id = fristIdOf('0101575001', 7);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(fristIdOf('0101575001', 7)).toBe(id);
    expect(fristIdOf('0101575001', 15)).not.toBe(id);
    expect(fristIdOf('0202575002', 7)).not.toBe(id);
  });
});
