-- Snapshots: named, immutable run configurations (flow revision, flow inputs, step inputs).
-- Maps are compact JSON text, NULL when empty, like the run table's.
CREATE TABLE snapshot (
    name          VARCHAR(100)  NOT NULL PRIMARY KEY,
    flow_id       VARCHAR(200)  NOT NULL,
    revision      INTEGER       NOT NULL,
    parameters    VARCHAR,
    step_inputs   VARCHAR,
    description   VARCHAR(2000),
    created_at    BIGINT        NOT NULL,
    source_run_id VARCHAR(200)
);
