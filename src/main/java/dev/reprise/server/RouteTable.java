package dev.reprise.server;

import com.fasterxml.jackson.databind.JavaType;

import java.util.ArrayList;
import java.util.List;

/**
 * The API's operations as data: method, path, summary, the record types of body and answer, and the code
 * that answers. The server registers exactly these with Javalin and {@link OpenApiDocument} describes
 * exactly these, so the document cannot leave a route out. A new workspace call is one entry here.
 * Built once at start-up, then read-only.
 */
public final class RouteTable {

    /**
     * How an operation answers: a JSON value, a stream of server-sent events, raw bytes, or a JSON value for
     * raw bytes it takes in (an upload).
     */
    public enum Kind { JSON, EVENTS, BYTES, UPLOAD }

    /** A query parameter, for the document. {@code type} is an OpenAPI type name. */
    public record QueryParam(String name, String type, String description) {
    }

    /** Computes the JSON answer of a request. */
    @FunctionalInterface
    public interface JsonCall {
        Object answer(Request request) throws Exception;
    }

    /** Writes the whole answer of a request itself (events, bytes). */
    @FunctionalInterface
    public interface RawCall {
        void answer(Request request) throws Exception;
    }

    /**
     * One operation. {@code body} is null when it takes none; {@code response} is null for an empty
     * answer (204) and is the event type for {@link Kind#EVENTS}. {@code open} operations need no token.
     */
    public record Operation(String method, String path, String summary, JavaType body, JavaType response,
                            int status, Kind kind, List<QueryParam> query, boolean open, JsonCall json, RawCall raw) {
        public Operation {
            query = List.copyOf(query);
        }
    }

    private final String prefix;
    private final List<Operation> operations = new ArrayList<>();

    public RouteTable(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    public List<Operation> operations() {
        return List.copyOf(operations);
    }

    public RouteTable get(String path, String summary, JavaType response, JsonCall call, QueryParam... query) {
        return add(new Operation("GET", path, summary, null, response, 200, Kind.JSON, List.of(query), false, call, null));
    }

    /** A GET that answers without a token (health). */
    public RouteTable open(String path, String summary, JavaType response, JsonCall call) {
        return add(new Operation("GET", path, summary, null, response, 200, Kind.JSON, List.of(), true, call, null));
    }

    /** A POST whose answer has status {@code status} (unless the call sets another); null response: 204. */
    public RouteTable post(String path, String summary, JavaType body, JavaType response, int status, JsonCall call) {
        return add(new Operation("POST", path, summary, body, response, response == null ? 204 : status, Kind.JSON,
                List.of(), false, call, null));
    }

    /** A DELETE answering JSON. */
    public RouteTable delete(String path, String summary, JavaType response, JsonCall call, QueryParam... query) {
        return add(new Operation("DELETE", path, summary, null, response, 200, Kind.JSON, List.of(query), false, call,
                null));
    }

    public RouteTable events(String path, String summary, JavaType event, RawCall call, QueryParam... query) {
        return add(new Operation("GET", path, summary, null, event, 200, Kind.EVENTS, List.of(query), false, null, call));
    }

    public RouteTable bytes(String path, String summary, RawCall call) {
        return add(new Operation("GET", path, summary, null, null, 200, Kind.BYTES, List.of(), false, null, call));
    }

    /** A PUT whose body is raw bytes, read by the call as a stream; it answers {@code response} as JSON (201). */
    public RouteTable upload(String path, String summary, JavaType response, RawCall call, QueryParam... query) {
        return add(new Operation("PUT", path, summary, null, response, 201, Kind.UPLOAD, List.of(query), false, null,
                call));
    }

    private RouteTable add(Operation operation) {
        boolean taken = operations.stream().anyMatch(o -> o.method().equals(operation.method())
                && o.path().equals(operation.path()));
        if (taken) {
            throw new IllegalStateException(operation.method() + " " + operation.path() + " is defined twice");
        }
        operations.add(operation);
        return this;
    }

    public static QueryParam query(String name, String type, String description) {
        return new QueryParam(name, type, description);
    }
}
