package dev.reprise.store;

import dev.reprise.run.RunQuery;
import dev.reprise.run.RunState;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The SQL of one {@link RunQuery}: every filter as a condition, newest first ({@code created_at DESC,
 * id DESC}), and keyset paging. A cursor is the sort key of the last run of a page, base64url-encoded so
 * that callers treat it as opaque; the next page starts strictly after it, so pages neither skip nor
 * repeat runs even while new runs are added. Immutable.
 */
final class RunQuerySql {

    private final String sql;
    private final List<Object> parameters;

    private RunQuerySql(String sql, List<Object> parameters) {
        this.sql = sql;
        this.parameters = parameters;
    }

    /** The query, asking for one run more than the limit to learn whether there is a next page. */
    static RunQuerySql of(RunQuery query) {
        StringBuilder sql = new StringBuilder("SELECT ").append(prefixed(RunRows.RUN_COLUMNS))
                .append(" FROM run r WHERE TRUE");
        List<Object> parameters = new ArrayList<>();
        if (query.flowId() != null && !query.flowId().isEmpty()) {
            sql.append(" AND r.flow_id = ?");
            parameters.add(query.flowId());
        }
        if (!query.states().isEmpty()) {
            sql.append(" AND r.state IN (");
            String separator = "";
            for (RunState state : query.states().stream().sorted().toList()) {
                sql.append(separator).append('?');
                parameters.add(state.name());
                separator = ", ";
            }
            sql.append(')');
        }
        for (Map.Entry<String, String> label : query.labels().entrySet()) {
            sql.append(" AND EXISTS (SELECT 1 FROM run_label l WHERE l.run_pk = r.pk AND l.k = ? AND l.v = ?)");
            parameters.add(label.getKey());
            parameters.add(label.getValue());
        }
        if (query.text() != null && !query.text().isBlank()) {
            String pattern = "%" + escapeLike(query.text().strip()) + "%";
            sql.append(" AND (r.id ILIKE ? ESCAPE '\\' OR r.name ILIKE ? ESCAPE '\\' OR r.flow_id ILIKE ? ESCAPE '\\')");
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
            sql.append(" AND (r.created_at < ? OR (r.created_at = ? AND r.id < ?))");
            parameters.add(cursor.createdAt());
            parameters.add(cursor.createdAt());
            parameters.add(cursor.id());
        }
        sql.append(" ORDER BY r.created_at DESC, r.id DESC LIMIT ").append(query.limit() + 1);
        return new RunQuerySql(sql.toString(), List.copyOf(parameters));
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
