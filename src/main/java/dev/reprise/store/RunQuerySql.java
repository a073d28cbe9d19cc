package dev.reprise.store;

import dev.reprise.run.RunQuery;
import dev.reprise.run.RunState;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL of one {@link RunQuery}: newest first ({@code created_at DESC, id DESC}) with keyset paging. A
 * cursor is the sort key of the last run of a page, base64url-encoded so that callers treat it as opaque;
 * the next page starts strictly after it, so pages neither skip nor repeat runs, even while new runs
 * are added.
 *
 * <p>H2 sorts by an index only when the ORDER BY spells the index's leading columns, and prefers an
 * unsorted index lookup followed by a full sort when it sees an equality filter, which at 100,000 runs
 * costs tens of milliseconds. So the plan is chosen here, from the shape of the query: a label carried
 * by few runs is looked up first (those runs are then sorted); otherwise the runs of one flow, of each
 * asked-for state (one sorted sub-query per state, merged), or of the whole table are walked in index
 * order until the page is full, the other filters applied on the way. Immutable.
 */
final class RunQuerySql {

    /** A label carried by at most this many runs is looked up first rather than checked run by run. */
    static final int RARE_LABEL_RUNS = 1000;

    private static final String NEWEST = "r.created_at DESC, r.id DESC";

    private final String sql;
    private final List<Object> parameters;

    private RunQuerySql(String sql, List<Object> parameters) {
        this.sql = sql;
        this.parameters = List.copyOf(parameters);
    }

    /** Plans {@code query}, counting on {@code connection} how many runs carry each of its labels. */
    static RunQuerySql plan(RunQuery query, Dialect dialect, Connection connection) throws SQLException {
        return of(query, dialect, rarestLabel(query.labels(), connection).orElse(null));
    }

    /**
     * The query, asking for one run more than the limit to learn whether there is a next page; if
     * {@code rareLabel} is given, the runs carrying it are looked up first.
     */
    static RunQuerySql of(RunQuery query, Dialect dialect, Map.Entry<String, String> rareLabel) {
        int rows = query.limit() + 1;
        boolean byFlow = query.flowId() != null && !query.flowId().isEmpty();
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        if (rareLabel != null || byFlow || query.states().isEmpty()) {
            String from = "run r" + (rareLabel != null ? "" : dialect.useIndex(byFlow ? "run_flow_newest" : "run_newest"));
            String order = rareLabel == null && byFlow ? "r.flow_id, " + NEWEST : NEWEST;
            sql.append("SELECT ").append(prefixed(RunRows.RUN_COLUMNS)).append(" FROM ").append(from)
                    .append(" WHERE TRUE");
            if (!query.states().isEmpty()) {
                sql.append(" AND r.state IN (").append(marks(query.states().size())).append(')');
                query.states().stream().sorted().forEach(state -> parameters.add(state.name()));
            }
            appendFilters(sql, parameters, query, rareLabel);
            sql.append(" ORDER BY ").append(order).append(" LIMIT ").append(rows);
        } else {
            // One index-sorted sub-query per state, each at most a page long, merged by the outer sort.
            sql.append("SELECT ").append(RunRows.RUN_COLUMNS).append(" FROM (");
            String separator = "";
            for (RunState state : query.states().stream().sorted().toList()) {
                sql.append(separator).append("(SELECT ").append(prefixed(RunRows.RUN_COLUMNS))
                        .append(" FROM run r").append(dialect.useIndex("run_state_newest"))
                        .append(" WHERE r.state = ?");
                parameters.add(state.name());
                appendFilters(sql, parameters, query, null);
                sql.append(" ORDER BY r.state, ").append(NEWEST).append(" LIMIT ").append(rows).append(')');
                separator = " UNION ALL ";
            }
            sql.append(") u ORDER BY created_at DESC, id DESC LIMIT ").append(rows);
        }
        return new RunQuerySql(sql.toString(), parameters);
    }

    private static void appendFilters(StringBuilder sql, List<Object> parameters, RunQuery query,
                                      Map.Entry<String, String> rareLabel) {
        if (query.flowId() != null && !query.flowId().isEmpty()) {
            sql.append(" AND r.flow_id = ?");
            parameters.add(query.flowId());
        }
        if (rareLabel != null) {
            sql.append(" AND r.pk IN (SELECT l.run_pk FROM run_label l WHERE l.k = ? AND l.v = ?)");
            parameters.add(rareLabel.getKey());
            parameters.add(rareLabel.getValue());
        }
        for (Map.Entry<String, String> label : query.labels().entrySet()) {
            if (label.equals(rareLabel)) {
                continue;
            }
            sql.append(" AND EXISTS (SELECT 1 FROM run_label l WHERE l.run_pk = r.pk AND l.k = ? AND l.v = ?)");
            parameters.add(label.getKey());
            parameters.add(label.getValue());
        }
        if (query.name() != null) {
            sql.append(" AND r.name = ?");
            parameters.add(query.name());
        }
        if (query.parent() != null) {
            sql.append(" AND r.trigger_run_id = ?");
            parameters.add(query.parent());
        }
        if (query.text() != null && !query.text().isBlank()) {
            String pattern = "%" + escapeLike(query.text().strip()) + "%";
            sql.append(" AND (r.id ILIKE ? ESCAPE '\\' OR r.name ILIKE ? ESCAPE '\\'"
                    + " OR r.flow_id ILIKE ? ESCAPE '\\')");
            parameters.add(pattern);
            parameters.add(pattern);
            parameters.add(pattern);
        }
        if (query.from() != null) {
            sql.append(" AND r.created_at >= ?");
            parameters.add(query.from().toEpochMilli());
        }
        if (query.to() != null) {
            sql.append(" AND r.created_at < ?");
            parameters.add(query.to().toEpochMilli());
        }
        if (query.after() != null) {
            Cursor cursor = Cursor.decode(query.after());
            sql.append(" AND (r.created_at, r.id) < (?, ?)");
            parameters.add(cursor.createdAt());
            parameters.add(cursor.id());
        }
    }

    /** The label of {@code labels} carried by the fewest runs, if at most {@link #RARE_LABEL_RUNS}. */
    private static Optional<Map.Entry<String, String>> rarestLabel(Map<String, String> labels,
                                                                    Connection connection) throws SQLException {
        if (labels.isEmpty()) {
            return Optional.empty();
        }
        Map.Entry<String, String> rarest = null;
        long fewest = Long.MAX_VALUE;
        try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM (SELECT 1 FROM run_label"
                + " WHERE k = ? AND v = ? LIMIT " + (RARE_LABEL_RUNS + 1) + ") x")) {
            for (Map.Entry<String, String> label : labels.entrySet()) {
                count.setString(1, label.getKey());
                count.setString(2, label.getValue());
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    long runs = row.getLong(1);
                    if (runs < fewest) {
                        fewest = runs;
                        rarest = Map.entry(label.getKey(), label.getValue());
                    }
                }
            }
        }
        return fewest <= RARE_LABEL_RUNS ? Optional.of(rarest) : Optional.empty();
    }

    String sql() {
        return sql;
    }

    PreparedStatement prepare(Connection connection) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
        return statement;
    }

    private static String marks(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private static String prefixed(String columns) {
        return "r." + columns.replace(", ", ", r.");
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** The sort key of the last run of a page. */
    record Cursor(long createdAt, String id) {

        String encode() {
            byte[] bytes = (createdAt + ":" + id).getBytes(StandardCharsets.UTF_8);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }

        static Cursor decode(String cursor) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int colon = text.indexOf(':');
                return new Cursor(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new IllegalArgumentException("not a run page cursor: " + cursor
                        + " (pass the nextCursor of the previous page unchanged)", e);
            }
        }
    }
}
