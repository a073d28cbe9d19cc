package dev.reprise.server;

import com.fasterxml.jackson.databind.JavaType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The API's operations as data: an id, a tag, method, path, summary, the record types of body and answer, and
 * the code that answers. The server registers exactly these with Javalin and {@link OpenApiDocument} describes
 * exactly these, so the document cannot leave a route out. A new workspace call is one entry here, under the
 * {@link #tag} that groups it. Built once at start-up, then read-only.
 */
public final class RouteTable {

    /** The shape of an operation id: a verb and a noun in camel case, such as {@code listRuns}. */
    public static final Pattern OPERATION_ID = Pattern.compile("[a-z][A-Za-z]+");

    /**
     * How an operation answers: a JSON value, a stream of server-sent events, raw bytes, a JSON value for
     * raw bytes it takes in (an upload), or text in a format of its own ({@link Operation#mediaType}).
     */
    public enum Kind { JSON, EVENTS, BYTES, UPLOAD, TEXT }

    /** A group of operations, for the document (and the pages made from it). */
    public record Tag(String name, String description) {
    }

    /**
     * A query parameter, for the document. {@code type} is an OpenAPI type name; a {@code repeated} one may be
     * given several times ({@code state=A&state=B}) and is read as a list; {@code values} lists the values
     * allowed, if only some are.
     */
    public record QueryParam(String name, String type, boolean repeated, List<String> values, String description) {
        public QueryParam {
            values = List.copyOf(values);
        }
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
     * One operation. {@code body} is null when it takes none; {@code response} is null for an empty answer
     * (204) and for {@link Kind#EVENTS}, whose answer is a stream of {@code events}. {@code open} operations
     * need no token. {@code atRoot} operations are served at {@code path} from the server's root, not under the
     * table's prefix (a scraper expects {@code /metrics}); {@code mediaType} is that of a {@link Kind#TEXT} answer.
     * {@code config} is the type of the run configuration an operation takes as YAML besides its JSON body (null:
     * none), read by the call itself ({@link Request#isYaml}).
     */
    public record Operation(String id, String tag, String method, String path, String summary, JavaType body,
                            JavaType response, List<StreamEvent> events, int status, Kind kind,
                            List<QueryParam> query, boolean open, boolean atRoot, String mediaType, JsonCall json,
                            RawCall raw, JavaType config) {
        public Operation {
            events = List.copyOf(events);
            query = List.copyOf(query);
        }
    }

    private final String prefix;
    private final List<Tag> tags = new ArrayList<>();
    private final List<Operation> operations = new ArrayList<>();

    public RouteTable(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    /** The tags, in the order they were begun. */
    public List<Tag> tags() {
        return List.copyOf(tags);
    }

    public List<Operation> operations() {
        return List.copyOf(operations);
    }

    /** Where {@code operation} is served: its path under the prefix, or from the root if it is {@code atRoot}. */
    public String fullPath(Operation operation) {
        return operation.atRoot() ? operation.path() : prefix + operation.path();
    }

    /** Begins a group: the operations added from here on, until the next tag, carry this one. */
    public RouteTable tag(String name, String description) {
        if (tags.stream().anyMatch(t -> t.name().equals(name))) {
            throw new IllegalStateException("tag " + name + " is begun twice");
        }
        tags.add(new Tag(name, description));
        return this;
    }

    public RouteTable get(String id, String path, String summary, JavaType response, JsonCall call,
                          QueryParam... query) {
        return add(id, "GET", path, summary, null, response, List.of(), 200, Kind.JSON, query, false, call, null);
    }

    /** A GET that answers without a token (health, the API document). */
    public RouteTable open(String id, String path, String summary, JavaType response, JsonCall call) {
        return add(id, "GET", path, summary, null, response, List.of(), 200, Kind.JSON, new QueryParam[0], true,
                call, null);
    }

    /** A POST whose answer has status {@code status} (unless the call sets another); null response: 204. */
    public RouteTable post(String id, String path, String summary, JavaType body, JavaType response, int status,
                           JsonCall call) {
        return add(id, "POST", path, summary, body, response, List.of(), response == null ? 204 : status, Kind.JSON,
                new QueryParam[0], false, call, null);
    }

    /**
     * A POST as {@link #post}, that also takes a run configuration of type {@code config} as YAML
     * ({@code application/yaml}), which the call reads when {@link Request#isYaml}.
     */
    public RouteTable configured(String id, String path, String summary, JavaType body, JavaType config,
                                 JavaType response, int status, JsonCall call, QueryParam... query) {
        return add(id, "POST", path, summary, body, response, List.of(), status, Kind.JSON, query, false, false, null,
                call, null, config);
    }

    /** A DELETE answering JSON. */
    public RouteTable delete(String id, String path, String summary, JavaType response, JsonCall call,
                             QueryParam... query) {
        return add(id, "DELETE", path, summary, null, response, List.of(), 200, Kind.JSON, query, false, call, null);
    }

    /** A GET answering a stream of server-sent events, each one of {@code events}; it resumes from Last-Event-ID. */
    public RouteTable events(String id, String path, String summary, List<StreamEvent> events, RawCall call,
                             QueryParam... query) {
        return add(id, "GET", path, summary, null, null, events, 200, Kind.EVENTS, query, false, null, call);
    }

    public RouteTable bytes(String id, String path, String summary, RawCall call) {
        return add(id, "GET", path, summary, null, null, List.of(), 200, Kind.BYTES, new QueryParam[0], false, null,
                call);
    }

    /** A PUT whose body is raw bytes, read by the call as a stream; it answers {@code response} as JSON (201). */
    public RouteTable upload(String id, String path, String summary, JavaType response, RawCall call,
                             QueryParam... query) {
        return add(id, "PUT", path, summary, null, response, List.of(), 201, Kind.UPLOAD, query, false, null, call);
    }

    private RouteTable add(String id, String method, String path, String summary, JavaType body, JavaType response,
                           List<StreamEvent> events, int status, Kind kind, QueryParam[] query, boolean open,
                           JsonCall json, RawCall raw) {
        return add(id, method, path, summary, body, response, events, status, kind, query, open, false, null, json,
                raw);
    }

    private RouteTable add(String id, String method, String path, String summary, JavaType body, JavaType response,
                           List<StreamEvent> events, int status, Kind kind, QueryParam[] query, boolean open,
                           boolean atRoot, String mediaType, JsonCall json, RawCall raw) {
        return add(id, method, path, summary, body, response, events, status, kind, query, open, atRoot, mediaType,
                json, raw, null);
    }

    private RouteTable add(String id, String method, String path, String summary, JavaType body, JavaType response,
                           List<StreamEvent> events, int status, Kind kind, QueryParam[] query, boolean open,
                           boolean atRoot, String mediaType, JsonCall json, RawCall raw, JavaType config) {
        if (tags.isEmpty()) {
            throw new IllegalStateException(method + " " + path + " comes before any tag");
        }
        if (!OPERATION_ID.matcher(id).matches()) {
            throw new IllegalStateException("operation id '" + id + "' is not a camel-case verb and noun");
        }
        for (Operation o : operations) {
            if (o.id().equals(id)) {
                throw new IllegalStateException("operation id " + id + " names " + o.method() + " " + o.path()
                        + " already");
            }
            if (o.method().equals(method) && o.path().equals(path) && o.atRoot() == atRoot) {
                throw new IllegalStateException(method + " " + path + " is defined twice");
            }
        }
        operations.add(new Operation(id, tags.getLast().name(), method, path, summary, body, response, events, status,
                kind, List.of(query), open, atRoot, mediaType, json, raw, config));
        return this;
    }

    /**
     * A GET served at {@code path} from the server's root rather than under the prefix, answering text of
     * {@code mediaType} that the call writes itself (the metrics a scraper reads at {@code /metrics}).
     */
    public RouteTable textAtRoot(String id, String path, String summary, String mediaType, RawCall call) {
        return add(id, "GET", path, summary, null, null, List.of(), 200, Kind.TEXT, new QueryParam[0], false, true,
                mediaType, null, call);
    }

    public static QueryParam query(String name, String type, String description) {
        return new QueryParam(name, type, false, List.of(), description);
    }

    /** A string parameter that may be given several times. */
    public static QueryParam repeated(String name, String description) {
        return new QueryParam(name, "string", true, List.of(), description);
    }

    /** A parameter that may be given several times, each time one of {@code values}. */
    public static QueryParam repeated(String name, Enum<?>[] values, String description) {
        return new QueryParam(name, "string", true, Arrays.stream(values).map(Enum::name).toList(), description);
    }
}
