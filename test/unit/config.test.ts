import { isAbsolute, join, resolve } from 'node:path';
import { ConfigError, loadConfig, OPTIONS, type Config } from '../../src/config';

const ROOT = resolve(__dirname, '../..');

/** The problems loadConfig reports, or [] when it accepts the input. */
const problemsOf = (argv: readonly string[], env: NodeJS.ProcessEnv = {}): string[] => {
  try {
    loadConfig(argv, env);
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
};

describe('loadConfig defaults', () => {
  it('When no flag and no environment variable is given, then the documented defaults apply', () => {
    expect(loadConfig([], {})).toMatchObject<Partial<Config>>({
      port: 8443,
      host: '::',
      publicHost: 'localhost',
      dbPath: join(ROOT, 'data', 'dfdg.sqlite'),
      certDir: join(ROOT, 'certs'),
      fixturesDir: join(ROOT, 'fixtures'),
      wsdlDir: join(ROOT, 'wsdl'),
      sync: 'normal',
      schemaValidation: 'strict',
      maxBodyBytes: 10 * 1024 * 1024,
      maxXmlDepth: 64,
      starCvr: '55568510',
      clockStart: null,
      clockFrozen: false,
      adminPort: 8080,
      adminHost: '127.0.0.1',
      handshakeTimeoutMs: 5000,
    });
  });

  it.each(OPTIONS.map((o) => o.key))('When no value is given for %s, then it has a default', (key) => {
    const config = loadConfig([], {});
    expect(Object.prototype.hasOwnProperty.call(config, key)).toBe(true);
    expect(config[key]).not.toBeUndefined();
  });

  it('When a config is loaded, then it is frozen', () => {
    const config = loadConfig([], {});
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('When environment variables unrelated to the emulator are set, then they are ignored', () => {
    expect(loadConfig([], { PORT: '1', HOME: '/root' }).port).toBe(8443);
  });

  it.each(OPTIONS.map((o) => [o.key, o] as const))(
    'When the option %s is documented, then it has a --flag, a DFDG_ environment variable and a doc string',
    (_key, option) => {
      expect(option.flag).toMatch(/^--[a-z][a-z-]*$/);
      expect(option.env).toMatch(/^DFDG_[A-Z_]+$/);
      expect(option.doc.length).toBeGreaterThan(5);
    },
  );
});

describe('loadConfig precedence', () => {
  it.each<[string, number, string[], NodeJS.ProcessEnv]>([
    ['neither', 8443, [], {}],
    ['only the environment', 2, [], { DFDG_PORT: '2' }],
    ['only a flag (--port=1)', 1, ['--port=1'], {}],
    ['only a flag (--port 1)', 1, ['--port', '1'], {}],
    ['a flag (--port=1) and the environment', 1, ['--port=1'], { DFDG_PORT: '2' }],
    ['a flag (--port 1) and the environment', 1, ['--port', '1'], { DFDG_PORT: '2' }],
  ])('When the port is given by %s, then it is %i', (_name, port, argv, env) => {
    expect(loadConfig(argv, env).port).toBe(port);
  });

  it('When the environment holds a bad value that a flag overrides, then the flag wins without a problem', () => {
    expect(loadConfig(['--sync=full'], { DFDG_SYNC: 'always' }).sync).toBe('full');
  });

  it('When a flag is given twice, then the last one wins', () => {
    expect(loadConfig(['--port=1', '--port=2'], {}).port).toBe(2);
  });

  it('When a caller passes overrides (tests), then they win over flags', () => {
    expect(loadConfig(['--port=1'], { DFDG_PORT: '2' }, { port: 0 }).port).toBe(0);
  });
});

describe('loadConfig values', () => {
  it.each<[string, string[], Partial<Config>]>([
    ['--port=0 (any free port)', ['--port=0'], { port: 0 }],
    ['--port=65535', ['--port=65535'], { port: 65535 }],
    ['--host 127.0.0.1', ['--host', '127.0.0.1'], { host: '127.0.0.1' }],
    ['--public-host=dfdg.test', ['--public-host=dfdg.test'], { publicHost: 'dfdg.test' }],
    ['--db=:memory:', ['--db=:memory:'], { dbPath: ':memory:' }],
    ['--db=/var/lib/dfdg.sqlite', ['--db=/var/lib/dfdg.sqlite'], { dbPath: '/var/lib/dfdg.sqlite' }],
    ['--sync=full', ['--sync=full'], { sync: 'full' }],
    ['--schema-validation lenient', ['--schema-validation', 'lenient'], { schemaValidation: 'lenient' }],
    ['--max-body-bytes=2048', ['--max-body-bytes=2048'], { maxBodyBytes: 2048 }],
    ['--max-xml-depth=8', ['--max-xml-depth=8'], { maxXmlDepth: 8 }],
    ['--star-cvr=12345678', ['--star-cvr=12345678'], { starCvr: '12345678' }],
    [
      '--clock=2026-01-15T10:00:00+01:00',
      ['--clock=2026-01-15T10:00:00+01:00'],
      { clockStart: new Date('2026-01-15T09:00:00Z') },
    ],
    ['--freeze-clock (no value)', ['--freeze-clock'], { clockFrozen: true }],
    ['--freeze-clock=false', ['--freeze-clock=false'], { clockFrozen: false }],
    ['--freeze-clock=1', ['--freeze-clock=1'], { clockFrozen: true }],
    ['--freeze-clock before another flag', ['--freeze-clock', '--port=1'], { clockFrozen: true, port: 1 }],
  ])('When the flags are %s, then the config has them', (_name, argv, expected) => {
    expect(loadConfig(argv, {})).toMatchObject(expected);
  });

  it.each<[string, NodeJS.ProcessEnv, Partial<Config>]>([
    ['DFDG_HOST', { DFDG_HOST: '0.0.0.0' }, { host: '0.0.0.0' }],
    ['DFDG_SYNC', { DFDG_SYNC: 'full' }, { sync: 'full' }],
    ['DFDG_FREEZE_CLOCK', { DFDG_FREEZE_CLOCK: 'true' }, { clockFrozen: true }],
    ['DFDG_CLOCK', { DFDG_CLOCK: '2026-07-01T00:00:00Z' }, { clockStart: new Date('2026-07-01T00:00:00Z') }],
    ['DFDG_STAR_CVR', { DFDG_STAR_CVR: '87654321' }, { starCvr: '87654321' }],
  ])('When %s is set, then the config has it', (_name, env, expected) => {
    expect(loadConfig([], env)).toMatchObject(expected);
  });

  it.each<[string, string[], NodeJS.ProcessEnv]>([
    ['a flag', ['--fixtures=some/fixtures'], {}],
    ['an environment variable', [], { DFDG_FIXTURES: 'some/fixtures' }],
  ])('When a relative path is given by %s, then it is made absolute', (_name, argv, env) => {
    const { fixturesDir } = loadConfig(argv, env);
    expect(isAbsolute(fixturesDir)).toBe(true);
    expect(fixturesDir).toBe(resolve('some/fixtures'));
  });
});

describe('ConfigError', () => {
  it.each<[string, boolean, string[]]>([
    ['a loopback admin host without a token', true, ['--admin-host=localhost']],
    ['a public admin host with a token', true, ['--admin-host=0.0.0.0', '--admin-token=s3cret']],
    ['a public admin host without a token', false, ['--admin-host=0.0.0.0']],
  ])('When the input has %s, then it is accepted: %s', (_name, accepted, argv) => {
    const problems = problemsOf(argv);
    expect(problems).toEqual(accepted ? [] : [expect.stringContaining('--admin-token')]);
  });

  it.each<[string, string, string[], NodeJS.ProcessEnv]>([
    ['a port that is not a number', '--port', ['--port=abc'], {}],
    ['a port above 65535', '--port', ['--port=65536'], {}],
    ['a negative port', '--port', ['--port=-1'], {}],
    ['a fractional port', '--port', ['--port=8.5'], {}],
    ['a port from the environment that is not a number', 'DFDG_PORT', [], { DFDG_PORT: 'eighty' }],
    ['an unknown sync mode', '--sync', ['--sync=always'], {}],
    ['an unknown schema validation mode', '--schema-validation', ['--schema-validation=off'], {}],
    ['an XML depth below 8', '--max-xml-depth', ['--max-xml-depth=7'], {}],
    ['a body limit below 1024', '--max-body-bytes', ['--max-body-bytes=1023'], {}],
    ['an empty host', '--host', ['--host='], {}],
    ['a blank STAR CVR', '--star-cvr', ['--star-cvr=  '], {}],
    ['a clock that is no date', '--clock', ['--clock=tomorrow'], {}],
    ['a clock past the year 9999', '9999-12-31T00:00:00Z', ['--clock=+275760-09-13T00:00:00Z'], {}],
    ['a clock before 1900', '1900-01-01T00:00:00Z', [], { DFDG_CLOCK: '1899-12-31T00:00:00Z' }],
    ['a freeze-clock that is no boolean', '--freeze-clock', ['--freeze-clock=maybe'], {}],
    ['an empty db path', '--db', ['--db='], {}],
    ['an unknown flag', 'unknown option --nope', ['--nope=1'], {}],
    ['an unknown flag with a separate value', 'unknown option --colour', ['--colour', 'red'], {}],
    ['a flag without its value', '--port needs a value', ['--port'], {}],
    ['a flag followed by another flag', '--port needs a value', ['--port', '--sync=full'], {}],
    ['a positional argument', 'unexpected argument "start"', ['start'], {}],
  ])('When the input has %s, then a ConfigError naming %s', (_name, named, argv, env) => {
    expect(() => loadConfig(argv, env)).toThrow(ConfigError);
    const problems = problemsOf(argv, env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(named);
  });

  it('When several values are wrong, then every problem is listed at once', () => {
    const problems = problemsOf(['--port=abc', '--sync=maybe', '--nope=1', 'extra'], {
      DFDG_MAX_XML_DEPTH: '1',
    });
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toEqual(
      expect.stringContaining('--port / DFDG_PORT: expected an integer in 0..65535, got "abc"'),
    );
    for (const named of [
      '--sync',
      'DFDG_MAX_XML_DEPTH',
      'unknown option --nope',
      'unexpected argument "extra"',
    ]) {
      expect(problems.some((p) => p.includes(named))).toBe(true);
    }
  });

  it('When a flag without its value is followed by a wrong flag, then both problems are listed', () => {
    const problems = problemsOf(['--port', '--bogus=1']);
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringContaining('--port needs a value'), 'unknown option --bogus']),
    );
  });

  it('When a flag without its value is followed by a flag with a bad value, then that problem is listed too', () => {
    const problems = problemsOf(['--port', '--sync=always']);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('--port needs a value'),
        expect.stringContaining('--sync'),
      ]),
    );
  });

  it('When the configuration is invalid, then the error message lists every problem', () => {
    let error: unknown;
    try {
      loadConfig(['--port=abc', '--nope=1'], {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).name).toBe('ConfigError');
    expect((error as ConfigError).message).toMatch(/--port[\s\S]*unknown option --nope/);
  });
});

describe('identity mode (WS-Security)', () => {
  it('When nothing is said, then callers are identified by TLS only, with 300 s of skew and age, and no HTTP port', () => {
    expect(loadConfig([], {})).toMatchObject<Partial<Config>>({
      identityMode: 'tls',
      wssClockSkew: 300,
      wssMaxAge: 300,
      httpPort: null,
    });
  });

  it('When wss mode and a loopback HTTP port are asked for, then both are set', () => {
    expect(loadConfig(['--identity-mode=wss', '--http-port=8081'], { DFDG_WSS_MAX_AGE: '60' })).toMatchObject(
      {
        identityMode: 'wss',
        httpPort: 8081,
        wssMaxAge: 60,
      },
    );
  });

  it.each<[string[], string]>([
    [['--identity-mode=saml'], '--identity-mode'],
    [['--http-port=8081'], '--http-port serves callers without TLS'],
    [['--wss-clock-skew=-1'], '--wss-clock-skew'],
    [['--wss-max-age=0'], '--wss-max-age'],
  ])('When the options are %j, then the problem names %s', (argv, problem) => {
    expect(problemsOf(argv)).toEqual([expect.stringContaining(problem)]);
  });
});
