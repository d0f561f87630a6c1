import { CODE_LIST_NAMES, type CodeListItem, type CodeListName, type CodeLists } from '../domain/codelists';
import type { Db } from './db';

interface ItemRow {
  list: string;
  id: number;
  name: string;
  validFrom: string;
  validTo: string | null;
  source: string;
  visible: number | null;
}

/**
 * The code lists in force: the file's, with the lists the admin API replaced (kept in SQLite, so they
 * survive a restart) in their place. The answer is cached; it is read again when this process wrote
 * a list, or another process committed anything (SQLite's data_version), so two emulators on one
 * database file agree.
 */
export class CodelistRepository {
  private readonly rowsStmt;
  private readonly clearStmt;
  private readonly insertStmt;
  private readonly dataVersionStmt;
  private cached: { lists: CodeLists; dataVersion: number; generation: number } | null = null;
  private generation = 0;

  constructor(
    private readonly db: Db,
    private fileLists: CodeLists,
  ) {
    this.rowsStmt = db.prepare<[], ItemRow>(
      `SELECT list, id, name, valid_from AS validFrom, valid_to AS validTo, source,
              visible_to_unemployment_fund AS visible
         FROM codelist_items ORDER BY list, id`,
    );
    this.clearStmt = db.prepare('DELETE FROM codelist_items WHERE list = ?');
    this.insertStmt = db.prepare(
      `INSERT INTO codelist_items (list, id, name, valid_from, valid_to, source, visible_to_unemployment_fund)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.dataVersionStmt = db.prepare<[], { data_version: number }>('PRAGMA data_version');
  }

  /** The lists in force now (the rules' fact). */
  current(): CodeLists {
    const dataVersion = this.dataVersionStmt.get()?.data_version ?? 0;
    const c = this.cached;
    if (c && c.dataVersion === dataVersion && c.generation === this.generation) return c.lists;
    const lists = this.read();
    this.cached = { lists, dataVersion, generation: this.generation };
    return lists;
  }

  /** Replaces one list's items (kept until the next reset). */
  replace(list: CodeListName, items: readonly CodeListItem[]): void {
    this.db.transaction(() => {
      this.clearStmt.run(list);
      for (const i of [...items].sort((a, b) => a.id - b.id)) {
        const visible = i.visibleToUnemploymentFund;
        this.insertStmt.run(
          list,
          i.id,
          i.name,
          i.validFrom,
          i.validTo,
          i.source,
          visible === undefined ? null : Number(visible),
        );
      }
    })();
    this.forget();
  }

  /** The file's lists changed (a reload), or the table was emptied behind this repository's back (a reset). */
  useFileLists(lists: CodeLists): void {
    this.fileLists = lists;
    this.forget();
  }

  forget(): void {
    this.generation += 1;
  }

  private read(): CodeLists {
    const stored = new Map<string, CodeListItem[]>();
    for (const r of this.rowsStmt.all()) {
      const item: CodeListItem = {
        id: r.id,
        name: r.name,
        validFrom: r.validFrom,
        validTo: r.validTo,
        source: r.source,
        ...(r.visible === null ? {} : { visibleToUnemploymentFund: r.visible === 1 }),
      };
      stored.set(r.list, [...(stored.get(r.list) ?? []), item]);
    }
    return Object.fromEntries(
      CODE_LIST_NAMES.map((name) => [name, stored.get(name) ?? this.fileLists[name]]),
    ) as Record<CodeListName, readonly CodeListItem[]>;
  }
}
