-- Deleting an audit row cascades to its CPR rows; without an index that starts with reference_id
-- each cascade scans the whole audit_cprs table (retention pruning of a large log took hours).
CREATE INDEX audit_cprs_by_reference ON audit_cprs (reference_id);
