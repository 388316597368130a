-- Backbeat store schema 2: the sync protocol's start, chunk and end records, keyed by
-- (device, session[, chunk]); conflicting bytes under a stored key; refused payloads (quarantine).
-- ${withoutRowid} is SQLite's clustered-key table option (empty on PostgreSQL);
-- ${quarantineArrivalColumn} numbers quarantined payloads on PostgreSQL (SQLite has its rowid).
ALTER TABLE sessions ADD COLUMN status TEXT NOT NULL DEFAULT 'complete';

CREATE TABLE sync_starts (
  device_id TEXT NOT NULL, session_id TEXT NOT NULL, received_at TEXT NOT NULL,
  record_sha256 TEXT NOT NULL, record ${bytes} NOT NULL,
  PRIMARY KEY (device_id, session_id));

CREATE TABLE sync_chunks (
  device_id TEXT NOT NULL, session_id TEXT NOT NULL, chunk_index INTEGER NOT NULL,
  received_at TEXT NOT NULL, chunk_sha256 TEXT NOT NULL, record ${bytes} NOT NULL,
  PRIMARY KEY (device_id, session_id, chunk_index)) ${withoutRowid};

CREATE TABLE sync_ends (
  device_id TEXT NOT NULL, session_id TEXT NOT NULL, received_at TEXT NOT NULL,
  status TEXT NOT NULL, chunk_count INTEGER NOT NULL, record_sha256 TEXT NOT NULL, record ${bytes} NOT NULL,
  PRIMARY KEY (device_id, session_id));

CREATE TABLE sync_conflicts (
  device_id TEXT NOT NULL, session_id TEXT NOT NULL, kind TEXT NOT NULL, chunk_index INTEGER,
  received_at TEXT NOT NULL, record_sha256 TEXT NOT NULL, record ${bytes} NOT NULL,
  UNIQUE (device_id, session_id, kind, chunk_index, record_sha256));

CREATE TABLE sync_acked (
  device_id TEXT NOT NULL, session_id TEXT NOT NULL, PRIMARY KEY (device_id, session_id));

CREATE TABLE quarantine (
  ${quarantineArrivalColumn}
  received_at TEXT NOT NULL, topic TEXT NOT NULL, reason TEXT NOT NULL, size INTEGER NOT NULL,
  payload_sha256 TEXT NOT NULL UNIQUE, payload ${bytes} NOT NULL);

UPDATE store_info SET value = '2' WHERE key = 'schema_version';
