-- What a snapshot gives each of its runs besides inputs: labels and environment (compact JSON text, NULL when
-- empty, like the run table's) and the runs' name (NULL: "snapshot NAME"). Snapshots stored before have none.
ALTER TABLE snapshot ADD COLUMN labels VARCHAR;
ALTER TABLE snapshot ADD COLUMN env VARCHAR;
ALTER TABLE snapshot ADD COLUMN run_name VARCHAR(1000);
