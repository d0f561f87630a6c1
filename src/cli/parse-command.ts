/** The commands of the CLI; "start" is the default, so `dfdg-emulator --port 9443` still starts. */
export type CommandName = 'start' | 'certs issue' | 'fixtures load' | 'sign' | 'receive';

export type ParsedCommand =
  | { readonly kind: 'help'; readonly topic: CommandName | 'certs' | 'fixtures' | null }
  | { readonly kind: 'version' }
  | { readonly kind: 'run'; readonly command: CommandName; readonly args: readonly string[] }
  | { readonly kind: 'unknown'; readonly words: string };

const wantsHelp = (args: readonly string[]): boolean => args.includes('--help') || args.includes('-h');

/** Splits argv into the command and its own arguments; pure, so every spelling can be tested. */
export const parseCommand = (argv: readonly string[]): ParsedCommand => {
  const [first, second, ...rest] = argv;
  if (first === undefined) return { kind: 'run', command: 'start', args: [] };
  if (first === '--help' || first === '-h' || first === 'help') {
    const topic = argv.slice(1).join(' ');
    return { kind: 'help', topic: isTopic(topic) ? topic : null };
  }
  if (first === '--version' || first === '-v') return { kind: 'version' };
  if (first.startsWith('-')) {
    return wantsHelp(argv) ? { kind: 'help', topic: 'start' } : { kind: 'run', command: 'start', args: argv };
  }
  if (first === 'start') {
    const args = argv.slice(1);
    return wantsHelp(args) ? { kind: 'help', topic: 'start' } : { kind: 'run', command: 'start', args };
  }
  if (first === 'sign' || first === 'receive') {
    const args = argv.slice(1);
    return wantsHelp(args) ? { kind: 'help', topic: first } : { kind: 'run', command: first, args };
  }
  if (first === 'certs' || first === 'fixtures') {
    const command = `${first} ${second ?? ''}`;
    if (second === undefined || second === '--help' || second === '-h') return { kind: 'help', topic: first };
    if (command !== 'certs issue' && command !== 'fixtures load') return { kind: 'unknown', words: command };
    return wantsHelp(rest) ? { kind: 'help', topic: command } : { kind: 'run', command, args: rest };
  }
  return { kind: 'unknown', words: first };
};

const isTopic = (topic: string): topic is CommandName | 'certs' | 'fixtures' =>
  ['start', 'certs issue', 'fixtures load', 'sign', 'receive', 'certs', 'fixtures'].includes(topic);
