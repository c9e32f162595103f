-- Exporting the audit logs (`clientele audit export`, GET /api/v1/admin/audit/export) reads
-- both logs in (at, id) order, a page at a time from the last entry read: an index range each.
CREATE INDEX audit_events_by_time ON audit_events (at, id);
CREATE INDEX team_audit_by_time ON team_audit (at, id);
