import type { Db } from './db';

interface ForeignKey {
  table: string;
}

/** Tables the store owns: everything but SQLite's own and the record of applied migrations. */
const storeTables = (db: Db): string[] =>
  db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name",
    )
    .all()
    .map((r) => r.name);

/**
 * The tables in an order in which each is emptied before any table it references, read from the
 * schema itself so that a table a later migration adds is emptied too, without a list to keep up.
 */
export const deletionOrder = (db: Db): string[] => {
  const tables = storeTables(db);
  const references = new Map(
    tables.map((t) => [
      t,
      new Set(
        db
          .prepare<[string], ForeignKey>('SELECT "table" FROM pragma_foreign_key_list(?)')
          .all(t)
          .map((fk) => fk.table)
          .filter((parent) => parent !== t),
      ),
    ]),
  );
  const order: string[] = [];
  const left = new Set(tables);
  while (left.size > 0) {
    // A table may go once no table still holding rows refers to it.
    const next = [...left].filter((t) => ![...left].some((other) => references.get(other)?.has(t)));
    if (next.length === 0) throw new Error(`foreign keys form a cycle among ${[...left].join(', ')}`);
    for (const t of next) {
      order.push(t);
      left.delete(t);
    }
  }
  return order;
};

/**
 * Empties every table of the store in one transaction, keeping the schema and schema_migrations;
 * AUTOINCREMENT counters start again too, so a reset store numbers its rows as a new one does.
 */
export const resetStore = (db: Db): void => {
  const order = deletionOrder(db);
  const hasSequences =
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'").get() !==
    undefined;
  db.transaction(() => {
    for (const table of order) db.prepare(`DELETE FROM "${table}"`).run();
    if (hasSequences) db.prepare('DELETE FROM sqlite_sequence').run();
  }).immediate();
};
