-- The audit log is append-only in the database itself, not only in the application: an UPDATE, DELETE or
-- TRUNCATE of the audit table fails whoever sends it.
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'AuditEvents is append-only: rows cannot be %d', lower(TG_OP);
END;
$$;

CREATE TRIGGER "AuditEvents_no_update_delete" BEFORE UPDATE OR DELETE ON "AuditEvents"
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

CREATE TRIGGER "AuditEvents_no_truncate" BEFORE TRUNCATE ON "AuditEvents"
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
