-- A run started by a step of another run (a sub-pipeline) records that step's attempt: the parent run, the
-- step instance and the attempt number. NULL for a run a person started. Indexed, as a run's children are
-- listed by it.
ALTER TABLE run ADD COLUMN trigger_run_id VARCHAR(200);
ALTER TABLE run ADD COLUMN trigger_step_id VARCHAR(1000);
ALTER TABLE run ADD COLUMN trigger_attempt INTEGER;
CREATE INDEX run_trigger_run ON run (trigger_run_id);
