import { jsonLogger, neverThrows } from '../../../src/transport/logger';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('jsonLogger', () => {
  it('When several calls are logged in one turn of the event loop, then they are written together, one JSON object per line', async () => {
    const writes: string[] = [];
    const logger = jsonLogger((line) => writes.push(line));
    logger.info('soap call', { operation: 'CreateBooking' });
    logger.info('soap call', { operation: 'GetBookings' });
    expect(writes).toEqual([]);
    await nextTurn();
    expect(writes).toHaveLength(1);
    const lines = (writes[0] ?? '')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.level, l.msg, l.operation])).toEqual([
      ['info', 'soap call', 'CreateBooking'],
      ['info', 'soap call', 'GetBookings'],
    ]);
  });

  it('When an error is logged, then it is written at once, after the lines still pending', () => {
    const writes: string[] = [];
    const logger = jsonLogger((line) => writes.push(line));
    logger.info('soap call');
    logger.error('internal error', { error: new Error('boom') });
    const lines = writes
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.msg)).toEqual(['soap call', 'internal error']);
    expect(JSON.stringify(lines[1])).toContain('boom');
  });

  it('When the level is error, then info lines are not written at all', async () => {
    const writes: string[] = [];
    jsonLogger((line) => writes.push(line), 'error').info('soap call');
    await nextTurn();
    expect(writes).toEqual([]);
  });
});

describe('neverThrows', () => {
  it('When the logger it wraps throws, then the line is lost and the caller goes on', () => {
    const broken = neverThrows({
      info: () => {
        throw new Error('the log cannot be written');
      },
      error: () => {
        throw new Error('the log cannot be written');
      },
    });
    expect(() => broken.info('soap call')).not.toThrow();
    expect(() => broken.error('internal error', { error: new Error('boom') })).not.toThrow();
  });

  it('When the logger it wraps works, then every line reaches it', () => {
    const lines: string[] = [];
    const logger = neverThrows({
      info: (m) => lines.push(`info ${m}`),
      error: (m) => lines.push(`error ${m}`),
    });
    logger.info('soap call');
    logger.error('internal error');
    expect(lines).toEqual(['info soap call', 'error internal error']);
  });
});

describe('jsonLogger writing', () => {
  it('When its output cannot be written, then logging goes on without throwing', async () => {
    const logger = jsonLogger(() => {
      throw new Error('EPIPE');
    });
    logger.info('soap call');
    expect(() => logger.error('internal error')).not.toThrow();
    await nextTurn();
  });
});
