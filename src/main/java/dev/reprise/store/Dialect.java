package dev.reprise.store;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What differs between the databases a store can live in: how a row is inserted or replaced, whether the
 * planner is told which index to walk, and where the migrations are. Everything else the stores write is
 * SQL both databases read alike.
 */
enum Dialect {

    /** An embedded H2 file: one process writes it (the workspace folder is locked). */
    H2(List.of("classpath:db/migration", "classpath:db/common")) {
        @Override
        String upsert(String table, String columns, String key) {
            return "MERGE INTO " + table + " (" + columns + ") KEY (" + key + ") VALUES (" + marks(columns) + ")";
        }

        @Override
        String useIndex(String index) {
            // H2 sorts by an index only when told to walk it (see RunQuerySql)
            return " USE INDEX (" + index + ")";
        }

        @Override
        String upsertOwned(String table, String columns, String key) {
            throw new UnsupportedOperationException("an embedded H2 store is written by one process: runs have no owner");
        }

        @Override
        String nowMillis() {
            return "CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT)";
        }

        @Override
        String notify(String channel) {
            throw new UnsupportedOperationException("an embedded H2 store has no other process to tell");
        }
    },

    /**
     * A PostgreSQL server, shared by several processes. Its first migrations are those of H2 spelled for it
     * (a large text is {@code TEXT}); later ones are common to both.
     */
    POSTGRESQL(List.of("classpath:db/postgresql", "classpath:db/common")) {
        @Override
        String upsert(String table, String columns, String key) {
            List<String> keys = split(key);
            String updates = split(columns).stream().filter(c -> !keys.contains(c))
                    .map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "));
            return "INSERT INTO " + table + " (" + columns + ") VALUES (" + marks(columns) + ") ON CONFLICT ("
                    + key + ") DO UPDATE SET " + updates;
        }

        @Override
        String useIndex(String index) {
            // its planner walks an index in order by itself when the ORDER BY and LIMIT ask for it
            return "";
        }

        @Override
        String upsertOwned(String table, String columns, String key) {
            // the update only takes the row of a run that this owner still holds: zero rows means another
            // process claimed it
            return upsert(table, columns + ", owner, lease_until", key).replaceFirst("\\?\\) ON CONFLICT",
                    nowMillis() + " + ?) ON CONFLICT") + " WHERE " + table + ".owner = EXCLUDED.owner";
        }

        @Override
        String nowMillis() {
            // the database's clock, so that the processes sharing it agree on when a lease runs out
            return "CAST(EXTRACT(EPOCH FROM CLOCK_TIMESTAMP()) * 1000 AS BIGINT)";
        }

        @Override
        String notify(String channel) {
            return "SELECT pg_notify('" + channel + "', ?)";
        }
    };

    private final List<String> migrations;

    Dialect(List<String> migrations) {
        this.migrations = migrations;
    }

    /** The statement that inserts a row of {@code columns}, or replaces the one with the same {@code key}. */
    abstract String upsert(String table, String columns, String key);

    /** The hint, after a table name in FROM, to walk {@code index}; empty where the planner needs none. */
    abstract String useIndex(String index);

    /**
     * As {@link #upsert}, with two more columns bound last: {@code owner} and the lease's length in
     * milliseconds (from the database's clock, into {@code lease_until}); a row that exists is replaced only if
     * its owner is the one bound, so the statement changes no row for a run another process owns.
     */
    abstract String upsertOwned(String table, String columns, String key);

    /** The database's clock, in epoch milliseconds. */
    abstract String nowMillis();

    /** A query that tells the processes listening on {@code channel} the text bound to its one parameter. */
    abstract String notify(String channel);

    /** Flyway's locations of this database's migrations. */
    String[] migrations() {
        return migrations.toArray(String[]::new);
    }

    private static List<String> split(String columns) {
        return Arrays.stream(columns.split(",")).map(String::strip).toList();
    }

    private static String marks(String columns) {
        return split(columns).stream().map(c -> "?").collect(Collectors.joining(", "));
    }
}
