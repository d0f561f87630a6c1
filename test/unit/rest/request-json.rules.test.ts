import { readJsonBody, type JsonLimits } from '../../../src/rest/request-json.rules';
import { answered, ANSWER } from './rest-answer';

const LIMITS: JsonLimits = { maxBytes: 1000, maxDepth: 64 };
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('REQ-JSON', () => {
  it.each<[string, string | undefined, Uint8Array, unknown]>([
    ['an object', 'application/json', bytes('{"a":1}'), { a: 1 }],
    ['charset=utf-8', 'application/json; charset=utf-8', bytes('{"a":"ø"}'), { a: 'ø' }],
    ['a quoted, upper-case charset', 'Application/JSON;charset="UTF-8"', bytes('{}'), {}],
    ['a byte order mark', 'application/json', bytes('\ufeff{"a":1}'), { a: 1 }],
    [
      'brackets inside strings, not counted as depth',
      'application/json',
      bytes(`{"a":"${'['.repeat(100)}\\""}`),
      { a: `${'['.repeat(100)}"` },
    ],
    ['a depth of exactly 64', 'application/json', bytes(nested(64)), JSON.parse(nested(64)) as unknown],
  ])('When the body is %s, then it is read', (_, contentType, body, value) => {
    expect(readJsonBody(contentType, body, LIMITS)).toEqual({ ok: true, value });
  });

  it.each<[string, string | undefined, Uint8Array, string]>([
    ['without a Content-Type', undefined, bytes('{}'), 'no Content-Type; send application/json'],
    ['sent as text/plain', 'text/plain', bytes('{}'), 'Content-Type text/plain; send application/json'],
    [
      'sent as XML',
      'text/xml; charset=utf-8',
      bytes('<a/>'),
      'Content-Type text/xml; charset=utf-8; send application/json',
    ],
    [
      'in Latin-1 by its charset',
      'application/json; charset=iso-8859-1',
      bytes('{}'),
      'Content-Type application/json; charset=iso-8859-1: JSON is sent in UTF-8 (charset=utf-8)',
    ],
    [
      'not UTF-8',
      'application/json',
      Uint8Array.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xf8, 0x22, 0x7d]),
      'the body is not UTF-8',
    ],
    ['empty', 'application/json', bytes(''), 'the body is empty; expected a JSON object'],
    [
      '1001 bytes',
      'application/json',
      bytes(`{"a":"${'x'.repeat(993)}"}`),
      'the body has 1001 bytes; at most 1000',
    ],
    ['65 deep', 'application/json', bytes(nested(65)), 'the body nests 65 deep; at most 64'],
    ['not JSON', 'application/json', bytes("{'a':1}"), 'the body is not JSON: '],
  ])('When the body is %s, then REQ-JSON answers 1014', (_, contentType, body, detail) => {
    const read = readJsonBody(contentType, body, LIMITS);
    expect(
      read.ok ? null : [answered(read.violation), read.violation.detail.slice(0, detail.length)],
    ).toEqual([ANSWER.requestJson, detail]);
  });

  it('When a body nests 100,000 deep, then it is refused by its depth, without parsing it', () => {
    const read = readJsonBody('application/json', bytes(nested(100_000)), {
      maxBytes: 1_000_000,
      maxDepth: 64,
    });
    expect(read.ok ? null : read.violation.detail).toBe('the body nests 100000 deep; at most 64');
  });
});
