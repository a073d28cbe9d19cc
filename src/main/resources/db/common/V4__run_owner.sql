-- Who executes a run, for stores that several processes share (PostgreSQL): the owner's id and the time
-- (epoch milliseconds) until which its lease holds. The owner renews the lease while the run goes on and
-- with every commit; once it has run out, another process claims the run and records it INTERRUPTED.
-- An embedded workspace is written by one process at a time and leaves both NULL.
ALTER TABLE run ADD COLUMN owner VARCHAR(200);
ALTER TABLE run ADD COLUMN lease_until BIGINT;
