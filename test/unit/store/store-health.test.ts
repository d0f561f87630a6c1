import { FULL_LOG_INTERVAL_MS, StoreHealth } from '../../../src/store/store-health';

/** An error as better-sqlite3 throws it on a full disk. */
const full = (): Error => Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });

const watched = () => {
  let now = Date.parse('2026-03-02T10:00:00Z');
  const lines: Array<{ level: string; message: string; fields: Record<string, unknown> }> = [];
  const health = new StoreHealth(
    {
      info: (message, fields) => lines.push({ level: 'info', message, fields }),
      error: (message, fields) => lines.push({ level: 'error', message, fields }),
    },
    () => now,
  );
  return {
    health,
    lines,
    pass: (ms: number) => {
      now += ms;
    },
  };
};

describe('StoreHealth', () => {
  it('When the file is found damaged, then it is degraded since then with the reason, and no later commit clears it', () => {
    const { health, pass } = watched();
    health.noteDamaged('the database file x.sqlite is damaged (PRAGMA quick_check: Page 7: never used)');
    pass(5000);
    health.noteDamaged('a second finding');
    health.noteCommit();
    expect(health.damagedBecause).toBe(
      'the database file x.sqlite is damaged (PRAGMA quick_check: Page 7: never used)',
    );
    expect(health.report()).toEqual({
      status: 'degraded',
      reason:
        'the database file x.sqlite is damaged (PRAGMA quick_check: Page 7: never used); every SOAP call answers 1011 until then',
      since: '2026-03-02T10:00:00.000Z',
    });
  });

  it('When nothing failed, then it is ok and logs nothing', () => {
    const { health, lines } = watched();
    health.noteCommit();
    expect(health.report()).toEqual({ status: 'ok' });
    expect(lines).toEqual([]);
  });

  it('When writes fail because the store is full, then it logs at once, then once a minute with the count refused meanwhile', () => {
    const { health, lines, pass } = watched();
    for (let i = 0; i < 50; i++) {
      expect(health.noteFailure(full())).toBe(true);
      pass(1000); // 50 failures over 50 s
    }
    expect(lines.map((l) => [l.level, l.fields['refusedWrites']])).toEqual([['error', 1]]);
    pass(FULL_LOG_INTERVAL_MS);
    health.noteFailure(full());
    expect(lines.map((l) => [l.level, l.fields['refusedWrites']])).toEqual([
      ['error', 1],
      ['error', 50],
    ]);
    expect(health.report()).toMatchObject({
      status: 'degraded',
      reason: expect.stringContaining('SQLITE_FULL') as string,
      since: '2026-03-02T10:00:00.000Z',
    });
  });

  it('When a write that fits slips in between failures, then health follows the last write, and the log does not flap', () => {
    const { health, lines, pass } = watched();
    health.noteFailure(full());
    health.noteCommit();
    expect(health.report()).toEqual({ status: 'ok' });
    pass(1000);
    health.noteFailure(full());
    health.noteCommit();
    expect(lines.map((l) => l.message)).toEqual([
      'the database is full (SQLITE_FULL): every call that writes answers 1011 until space is freed',
      'the database is writable again',
    ]);
  });

  it('When the same failure is noted by two layers, then it counts once', () => {
    const { health, lines, pass } = watched();
    const error = full();
    health.noteFailure(error);
    health.noteFailure(error);
    pass(FULL_LOG_INTERVAL_MS);
    health.noteFailure(full());
    expect(lines[1]?.fields['refusedWrites']).toBe(1);
  });

  it('When a write fails for another reason, then it is not the store being full', () => {
    const { health, lines } = watched();
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    expect(health.noteFailure(busy)).toBe(false);
    expect(health.noteFailure(new Error('rule refused'))).toBe(false);
    expect(health.report()).toEqual({ status: 'ok' });
    expect(lines).toEqual([]);
  });
});
