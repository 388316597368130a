-- Backbeat store schema 4: sessions whose parts are each valid and all in, but which cannot be put
-- together (kept with the reason); a repetition's peaks may be missing (NULL: a flexion-only
-- repetition has no extension peak). SQLite cannot drop a NOT NULL constraint, so the table is
-- copied into one without it (the same statements on PostgreSQL).
CREATE TABLE sync_unassembled (
  device_id TEXT NOT NULL, session_id TEXT NOT NULL, noted_at TEXT NOT NULL, reason TEXT NOT NULL,
  PRIMARY KEY (device_id, session_id));

CREATE TABLE repetitions_v4 (
  device_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  repetition_index INTEGER NOT NULL,
  start_s ${double} NOT NULL,
  end_s ${double} NOT NULL,
  peak_flexion_deg ${double},
  peak_extension_deg ${double},
  PRIMARY KEY (device_id, session_id, repetition_index),
  FOREIGN KEY (device_id, session_id) REFERENCES sessions (device_id, session_id));

INSERT INTO repetitions_v4 SELECT device_id, session_id, repetition_index, start_s, end_s,
  peak_flexion_deg, peak_extension_deg FROM repetitions;
DROP TABLE repetitions;
ALTER TABLE repetitions_v4 RENAME TO repetitions;

UPDATE store_info SET value = '4' WHERE key = 'schema_version';
