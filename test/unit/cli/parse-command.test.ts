import { helpText } from '../../../src/cli/cli-help';
import { parseCertsIssueArgs } from '../../../src/cli/certs-issue.command';
import { parseCommand } from '../../../src/cli/parse-command';
import { OPTIONS } from '../../../src/config';

describe('parseCommand', () => {
  it.each<[string, string[], ReturnType<typeof parseCommand>]>([
    ['nothing (start is the default)', [], { kind: 'run', command: 'start', args: [] }],
    [
      'only options (start, as npm start passes them)',
      ['--port', '9443'],
      { kind: 'run', command: 'start', args: ['--port', '9443'] },
    ],
    [
      'start with options',
      ['start', '--db=:memory:'],
      { kind: 'run', command: 'start', args: ['--db=:memory:'] },
    ],
    [
      'certs issue',
      ['certs', 'issue', '--org', '8:75100', '--name', 'x'],
      { kind: 'run', command: 'certs issue', args: ['--org', '8:75100', '--name', 'x'] },
    ],
    [
      'fixtures load',
      ['fixtures', 'load', 'f.json'],
      { kind: 'run', command: 'fixtures load', args: ['f.json'] },
    ],
    ['--help', ['--help'], { kind: 'help', topic: null }],
    ['-h', ['-h'], { kind: 'help', topic: null }],
    ['help certs issue', ['help', 'certs', 'issue'], { kind: 'help', topic: 'certs issue' }],
    ['start --help', ['start', '--port', '1', '--help'], { kind: 'help', topic: 'start' }],
    ['options then --help', ['--port', '1', '--help'], { kind: 'help', topic: 'start' }],
    ['certs issue --help', ['certs', 'issue', '--help'], { kind: 'help', topic: 'certs issue' }],
    ['fixtures load -h', ['fixtures', 'load', 'f.json', '-h'], { kind: 'help', topic: 'fixtures load' }],
    ['certs alone', ['certs'], { kind: 'help', topic: 'certs' }],
    ['fixtures --help', ['fixtures', '--help'], { kind: 'help', topic: 'fixtures' }],
    ['--version', ['--version'], { kind: 'version' }],
    ['an unknown command', ['serve'], { kind: 'unknown', words: 'serve' }],
    ['an unknown sub-command', ['certs', 'revoke'], { kind: 'unknown', words: 'certs revoke' }],
  ])('When the CLI is given %s, then it is understood', (_name, argv, expected) => {
    expect(parseCommand(argv)).toEqual(expected);
  });
});

describe('helpText', () => {
  it('When start --help is shown, then every option of the configuration is there with its environment variable', () => {
    const text = helpText('start');
    for (const o of OPTIONS) expect(text).toContain(`${o.flag} (${o.env})`);
    expect(text).toContain('--log-level');
  });

  it.each([null, 'certs issue', 'fixtures load'] as const)(
    'When the help on %s is shown, then it names its usage',
    (topic) => {
      expect(helpText(topic)).toMatch(/^(dfdg-emulator: |Usage: )/);
    },
  );
});

describe('parseCertsIssueArgs', () => {
  it('When organisations and a name are given, then they are read, each TYPE:CODE as an organisation', () => {
    expect(
      parseCertsIssueArgs([
        '--org',
        '8:75100',
        '--org=7:751',
        '--name',
        'my-kss',
        '--cert-dir',
        '/c',
        '--db',
        '/d',
        '--json',
      ]),
    ).toEqual({
      kind: 'client',
      name: 'my-kss',
      organisations: [
        { type: 8, code: '75100' },
        { type: 7, code: '751' },
      ],
      certDir: '/c',
      db: '/d',
      json: true,
      replace: false,
    });
  });

  it('When --server hosts are given, then a server certificate is asked for, without organisations or name', () => {
    expect(parseCertsIssueArgs(['--server', 'receiver.local', '--server', '127.0.0.1'])).toEqual({
      kind: 'server',
      hosts: ['receiver.local', '127.0.0.1'],
      certDir: undefined,
      json: false,
    });
  });

  it('When --replace is given, then the name in use may be issued anew', () => {
    expect(parseCertsIssueArgs(['--org', '8:75100', '--name', 'my-kss', '--replace'])).toMatchObject({
      replace: true,
    });
  });

  it.each<[string, string[], RegExp]>([
    ['no --org', ['--name', 'x'], /--org TYPE:CODE is required/],
    ['no --name', ['--org', '8:75100'], /--name NAME is required/],
    [
      'an organisation written TYPE/CODE',
      ['--org', '8/75100', '--name', 'x'],
      /--org 8\/75100: an organisation as TYPE:CODE/,
    ],
    [
      'an organisation type outside the code list',
      ['--org', '3:1', '--name', 'x'],
      /--org 3:1: an organisation type/,
    ],
    ['an unknown option', ['--org', '8:75100', '--name', 'x', '--days', '3'], /--days/],
    ['a stray argument', ['--org', '8:75100', '--name', 'x', 'extra'], /extra/],
    ['--name without a value', ['--org', '8:75100', '--name'], /--name/],
  ])('When certs issue gets %s, then a usage error says what is wrong', (_name, args, message) => {
    expect(() => parseCertsIssueArgs(args)).toThrow(message);
  });
});
