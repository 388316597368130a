-- Backbeat store schema 1: sessions stored whole (summary columns, repetitions, the original payload).
-- One definition for SQLite and PostgreSQL; ${double} and ${bytes} are the engine's names for an
-- 8-byte float and a byte string (see StoreEngine), everything else is the same SQL on both.
CREATE TABLE store_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE sessions (
  device_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  started_at TEXT NOT NULL,
  received_at TEXT NOT NULL,
  hardware TEXT NOT NULL,
  sample_rate_hz ${double} NOT NULL,
  duration_s ${double} NOT NULL,
  upper_samples INTEGER NOT NULL,
  lower_samples INTEGER NOT NULL,
  rep_count INTEGER NOT NULL,
  flexion_min_deg ${double},
  flexion_max_deg ${double},
  pacer_bpm ${double} NOT NULL,
  pacer_inhale_cues INTEGER NOT NULL,
  neutral_start_s ${double},
  neutral_end_s ${double},
  payload_schema_version INTEGER NOT NULL,
  payload_sha256 TEXT NOT NULL,
  payload ${bytes} NOT NULL,
  PRIMARY KEY (device_id, session_id));

CREATE TABLE repetitions (
  device_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  repetition_index INTEGER NOT NULL,
  start_s ${double} NOT NULL,
  end_s ${double} NOT NULL,
  peak_flexion_deg ${double} NOT NULL,
  peak_extension_deg ${double} NOT NULL,
  PRIMARY KEY (device_id, session_id, repetition_index),
  FOREIGN KEY (device_id, session_id) REFERENCES sessions (device_id, session_id));

CREATE TABLE conflicts (
  device_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  received_at TEXT NOT NULL,
  payload_sha256 TEXT NOT NULL,
  payload ${bytes} NOT NULL);

INSERT INTO store_info (key, value) VALUES ('schema_version', '1');
