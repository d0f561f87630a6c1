-- Code lists changed through the admin API (PUT /admin/codelists/{name}). A list with rows here
-- replaces the same list of the code-list file; a list without rows is the file's. A reset empties
-- the table, so the file's lists are back.
CREATE TABLE codelist_items (
  list TEXT NOT NULL,
  id INTEGER NOT NULL,
  name TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_to TEXT,
  source TEXT NOT NULL,
  visible_to_unemployment_fund INTEGER,
  PRIMARY KEY (list, id)
) WITHOUT ROWID;
