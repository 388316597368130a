-- Backbeat store schema 5, PostgreSQL only (SQLite has no roles): who sees what in a clinic.
--   backbeat_sync    group of the sync workers' roles: write and read every session
--   backbeat_physio  group of the physiotherapists' roles: read the sessions of the straps
--                    assigned to them in clinic_assignments, nothing else
-- Row-level security enforces it on every table that holds a strap's data; the owner (the role
-- that migrates, e.g. the one running 'backbeat clinic init') is not subject to it. Roles are the
-- server's, not the database's: the two groups are created once and shared by the clinics'
-- databases on one server (creating them needs CREATEROLE).
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'backbeat_sync') THEN
    CREATE ROLE backbeat_sync NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'backbeat_physio') THEN
    CREATE ROLE backbeat_physio NOLOGIN;
  END IF;
  -- only the clinic's own roles connect to its database (PUBLIC may by default)
  EXECUTE format('REVOKE CONNECT ON DATABASE %I FROM PUBLIC', current_database());
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO backbeat_sync, backbeat_physio', current_database());
END
$$;

CREATE TABLE clinic_assignments (
  device_id TEXT PRIMARY KEY,
  physio_role TEXT NOT NULL,
  assigned_at TEXT NOT NULL);

GRANT USAGE ON SCHEMA public TO backbeat_sync, backbeat_physio;
GRANT SELECT ON store_info, "${flyway:table}" TO backbeat_sync, backbeat_physio;
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions, repetitions, conflicts, sync_starts, sync_chunks, sync_ends,
  sync_conflicts, sync_acked, sync_unassembled, quarantine TO backbeat_sync;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO backbeat_sync;
GRANT SELECT ON sessions, repetitions, conflicts, sync_starts, sync_chunks, sync_ends, sync_conflicts,
  sync_unassembled, clinic_assignments TO backbeat_physio;

-- a physiotherapist sees the assignments that name them
ALTER TABLE clinic_assignments ENABLE ROW LEVEL SECURITY;
CREATE POLICY physio_own_assignments ON clinic_assignments FOR SELECT TO backbeat_physio
  USING (physio_role = current_user);

ALTER TABLE quarantine ENABLE ROW LEVEL SECURITY;
CREATE POLICY sync_worker_all ON quarantine TO backbeat_sync USING (true) WITH CHECK (true);

-- every table keyed by a strap: the workers see all, a physiotherapist the straps assigned to them
DO $$
DECLARE
  strap_table TEXT;
BEGIN
  FOREACH strap_table IN ARRAY ARRAY['sessions', 'repetitions', 'conflicts', 'sync_starts', 'sync_chunks', 'sync_ends',
      'sync_conflicts', 'sync_acked', 'sync_unassembled'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', strap_table);
    EXECUTE format('CREATE POLICY sync_worker_all ON %I TO backbeat_sync USING (true) WITH CHECK (true)', strap_table);
    EXECUTE format('CREATE POLICY physio_assigned_straps ON %I FOR SELECT TO backbeat_physio USING (device_id IN '
        '(SELECT device_id FROM clinic_assignments WHERE physio_role = current_user))', strap_table);
  END LOOP;
END
$$;

UPDATE store_info SET value = '5' WHERE key = 'schema_version';
