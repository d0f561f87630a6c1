import { command, file, probe, requirePrerequisites } from './vendor-stack';

it('When every prerequisite of a stack is there, then the check passes', async () => {
  await expect(
    requirePrerequisites(
      'node',
      [command('node'), file(process.execPath), probe('node', 'node', ['-e', '0'])],
      'x',
    ),
  ).resolves.toBeUndefined();
});

it('When tools are missing, then the check fails at once with one line naming them and the install command', async () => {
  const failure = requirePrerequisites(
    'gSOAP',
    [
      command('node'),
      command('wsdl2h-not-installed'),
      file('/nonexistent/stdsoap2.h'),
      probe('the soap extension', 'node', ['-e', 'process.exit(1)']),
    ],
    'apt-get install -y gsoap libgsoap-dev',
  );
  await expect(failure).rejects.toThrow(
    new Error(
      'gSOAP interop test: missing wsdl2h-not-installed, /nonexistent/stdsoap2.h, the soap extension. ' +
        'Install with: apt-get install -y gsoap libgsoap-dev',
    ),
  );
});
