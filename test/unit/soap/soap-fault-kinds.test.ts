import { ERROR_TABLE, type ErrorKey } from '../../../src/domain/errors';
import { SOAP_FAULT_KINDS } from '../../../src/soap/soap-fault-kinds';

const KEYS = Object.keys(ERROR_TABLE) as ErrorKey[];

describe('SOAP_FAULT_KINDS, the SOAP face’s column of the error table', () => {
  it('When the neutral table has an entry, then the SOAP table has its fault kind, and no other key', () => {
    expect(Object.keys(SOAP_FAULT_KINDS).sort()).toEqual([...KEYS].sort());
  });

  it.each(KEYS)(
    'When the fault is %s, then it is a Server fault only if it is INTERNAL, MustUnderstand only for REQ-MUSTUNDERSTAND',
    (key) => {
      const ruleId = ERROR_TABLE[key].ruleId;
      const expected =
        ruleId === 'INTERNAL' ? 'Server' : ruleId === 'REQ-MUSTUNDERSTAND' ? 'MustUnderstand' : 'Client';
      expect(SOAP_FAULT_KINDS[key]).toBe(expected);
    },
  );
});
