-- Replay: a run keeps the request that made it, whether that request changed what steps received,
-- and the flow's declared outputs once it succeeded. Lineage is read by root.
ALTER TABLE run ADD COLUMN outputs VARCHAR;
ALTER TABLE run ADD COLUMN replay VARCHAR;
ALTER TABLE run ADD COLUMN modified BOOLEAN DEFAULT FALSE NOT NULL;
CREATE INDEX run_root ON run (root_run_id);
