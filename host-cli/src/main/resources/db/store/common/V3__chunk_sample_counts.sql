-- Backbeat store schema 3: each chunk's sample counts, so assembling a session need not decode its
-- chunks (-1: stored before the counts were kept).
ALTER TABLE sync_chunks ADD COLUMN upper_samples INTEGER NOT NULL DEFAULT -1;
ALTER TABLE sync_chunks ADD COLUMN lower_samples INTEGER NOT NULL DEFAULT -1;

UPDATE store_info SET value = '3' WHERE key = 'schema_version';
