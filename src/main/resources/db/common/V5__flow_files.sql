-- The files of a revision of a flow kept as a folder, besides its YAML: one line per file,
-- "<sha256> <size> <path>", in path order; NULL for a flow file alone. The bytes are artifacts,
-- stored under their SHA-256 like any other, so that a file unchanged between revisions is kept once.
ALTER TABLE flow_revision ADD COLUMN files VARCHAR;
