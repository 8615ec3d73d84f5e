-- The audit log is append-only in the database itself, not only in the application: an UPDATE or DELETE of
-- an audit row fails whoever sends it.
CREATE TRIGGER "AuditEvents_no_update" BEFORE UPDATE ON "AuditEvents"
BEGIN
    SELECT RAISE(ABORT, 'AuditEvents is append-only: rows cannot be updated');
END;

CREATE TRIGGER "AuditEvents_no_delete" BEFORE DELETE ON "AuditEvents"
BEGIN
    SELECT RAISE(ABORT, 'AuditEvents is append-only: rows cannot be deleted');
END;
