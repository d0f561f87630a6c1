-- Access to citizens (ACC-OWN, ACC-CPR): a-kasse memberships with dates, anden-aktør assignments,
-- guest accesses, a death date and a CV number. A citizen's single a-kasse becomes one open
-- membership with no start, as `"akasse": "17"` is read in the admin API.

CREATE TABLE citizen_memberships (
  cpr TEXT NOT NULL REFERENCES citizens (cpr) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  akasse TEXT NOT NULL,
  from_date TEXT,
  to_date TEXT,
  PRIMARY KEY (cpr, position)
);

CREATE TABLE citizen_anden_aktoer (
  cpr TEXT NOT NULL REFERENCES citizens (cpr) ON DELETE CASCADE,
  cvr TEXT NOT NULL,
  PRIMARY KEY (cpr, cvr)
);

CREATE TABLE citizen_guest_access (
  cpr TEXT NOT NULL REFERENCES citizens (cpr) ON DELETE CASCADE,
  org_type INTEGER NOT NULL,
  org_code TEXT NOT NULL,
  until TEXT NOT NULL,
  PRIMARY KEY (cpr, org_type, org_code)
);

INSERT INTO citizen_memberships (cpr, position, akasse, from_date, to_date)
  SELECT cpr, 0, akasse, NULL, NULL FROM citizens WHERE akasse IS NOT NULL;

ALTER TABLE citizens DROP COLUMN akasse;
ALTER TABLE citizens ADD COLUMN deceased TEXT;
ALTER TABLE citizens ADD COLUMN cv_number TEXT;
