package dev.reprise.server;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.reprise.flow.Ids;
import dev.reprise.run.ArtifactRef;
import dev.reprise.run.Json;
import io.javalin.http.Context;

import java.io.FilterInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One request as the routes see it: path parameters checked against strict patterns (so no id can name a
 * path outside the workspace), query parameters parsed with a clear 400 for bad values, and a JSON body
 * read with a size limit and turned into a record with Jackson, unknown fields refused. Used by one
 * request thread at a time.
 */
public final class Request {

    /** Run ids and other plain ids: letters, digits, {@code _ . -}, starting with a letter or digit. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    /** A step instance: a step name, or a fan-out instance such as {@code count[3]}. */
    static final Pattern STEP_ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}(\\[\\d{1,9}])?");
    private static final String JSON = "application/json";
    private static final Set<String> YAML_TYPES = Set.of("application/yaml", "application/x-yaml", "text/yaml");

    private final Context ctx;
    private final ObjectMapper mapper;
    private final long maxBodyBytes;
    private final String route;

    Request(Context ctx, ObjectMapper mapper, long maxBodyBytes, String route) {
        this.ctx = ctx;
        this.mapper = mapper;
        this.maxBodyBytes = maxBodyBytes;
        this.route = route;
    }

    public Context context() {
        return ctx;
    }

    /** The path of the operation that answers, as in the API document ({@code /runs/{runId}/events}). */
    public String route() {
        return route;
    }

    public String runId() {
        return id("runId", ID);
    }

    public String stepId() {
        return id("stepId", STEP_ID);
    }

    /** The flow id of the path; 400 if it breaks the flow id rule, before anything looks it up. */
    public String flowId() {
        String value = ctx.pathParam("flowId");
        Ids.flowIdProblem(value).ifPresent(problem -> {
            throw ApiException.badRequest(printable(problem));
        });
        return value;
    }

    public String snapshotName() {
        return id("name", ID);
    }

    public String digest() {
        String value = ctx.pathParam("sha256");
        if (!ArtifactRef.isDigest(value)) {
            throw new ApiException(404, "no artifact '" + printable(value) + "': not an artifact digest"
                    + " (expected 64 lower-case hexadecimal characters)");
        }
        return value;
    }

    /** A path parameter that must be a whole number of at least {@code min}. */
    public int intPath(String name, int min) {
        return intValue(name, ctx.pathParam(name), min);
    }

    public String query(String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isEmpty() ? null : value;
    }

    public List<String> queries(String name) {
        return ctx.queryParams(name).stream().flatMap(v -> Pattern.compile(",").splitAsStream(v))
                .map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    public Integer intQuery(String name, int min) {
        String value = query(name);
        return value == null ? null : intValue(name, value, min);
    }

    public Long longQuery(String name, long min) {
        String value = query(name);
        if (value == null) {
            return null;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed < min) {
                throw ApiException.badRequest(name + " must be at least " + min + ", was " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a whole number, was '" + printable(value) + "'");
        }
    }

    public String header(String name) {
        return ctx.header(name);
    }

    public void status(int status) {
        ctx.status(status);
    }

    /**
     * The JSON body as a {@code type}; 400 if it is missing, malformed, nested too deep, has unknown fields or
     * a value of the wrong JSON type; 413 if too large; 415 if it is not sent as JSON.
     */
    public <T> T body(Class<T> type) {
        return body(mapper.constructType(type));
    }

    public <T> T body(JavaType type) {
        requireJson();
        byte[] bytes = readBody();
        if (bytes.length == 0) {
            throw ApiException.badRequest("this call needs a JSON body");
        }
        try {
            T value = mapper.readValue(bytes, type);
            if (value == null) {
                throw ApiException.badRequest("this call needs a JSON object, not null");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
            throw ApiException.badRequest("unknown field '" + printable(e.getPropertyName()) + "'" + at(e)
                    + (known.isEmpty() ? "" : " (known fields: " + known + ")"));
        } catch (MismatchedInputException e) {
            // a value of the wrong JSON type, one the mapper refuses to convert, or one a field's reader refuses
            throw ApiException.badRequest(field(e) + ": " + expected(e) + got(e));
        } catch (JsonMappingException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            if (root instanceof StreamConstraintsException limit) {
                throw tooDeepOrLong(limit);
            }
            throw ApiException.badRequest(field(e) + ": " + printable(root instanceof JacksonException j
                    ? j.getOriginalMessage() : root.getMessage()));
        } catch (StreamConstraintsException e) {
            throw tooDeepOrLong(e);
        } catch (JacksonException e) {
            JsonLocation where = e.getLocation();
            throw ApiException.badRequest("malformed JSON" + (where == null ? "" : " at line " + where.getLineNr()
                    + ", column " + where.getColumnNr()) + ": " + printable(e.getOriginalMessage()));
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /** Whether the body is sent as YAML ({@code application/yaml}, or the older {@code application/x-yaml}, {@code text/yaml}). */
    public boolean isYaml() {
        String type = ctx.header("Content-Type");
        String mediaType = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return YAML_TYPES.contains(mediaType);
    }

    /**
     * The body as UTF-8 text (a YAML document), read with the size limit of a JSON body: 400 if it is missing or not
     * UTF-8, 413 if too large.
     */
    public String text() {
        requireIdentityEncoding();
        byte[] bytes = readBody();
        if (bytes.length == 0) {
            throw ApiException.badRequest("this call needs a body");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("the body is not UTF-8 text");
        }
    }

    /**
     * The body as sent, for a call that takes raw bytes: 415 if it is encoded (compressed), 408 if it stops
     * arriving. The caller closes it.
     */
    public InputStream rawBody() throws IOException {
        requireIdentityEncoding();
        return new FilterInputStream(ctx.req().getInputStream()) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (IOException e) {
                    throw unreadable(e);
                }
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                try {
                    return super.read(buffer, offset, length);
                } catch (IOException e) {
                    throw unreadable(e);
                }
            }
        };
    }

    /** A JSON body must say it is JSON, so that a form, text or a file sent by mistake is not read as JSON. */
    private void requireJson() {
        String type = ctx.header("Content-Type");
        String mediaType = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals(JSON) && !(mediaType.startsWith("application/") && mediaType.endsWith("+json"))) {
            throw new ApiException(415, "this call takes a JSON body: send it with Content-Type: " + JSON
                    + (type == null ? " (the request had no Content-Type)" : ", not '" + printable(type) + "'"));
        }
        requireIdentityEncoding();
    }

    /** The server decodes no Content-Encoding: compressed bytes would be read as if they were the body. */
    private void requireIdentityEncoding() {
        String encoding = ctx.header("Content-Encoding");
        if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
            throw new ApiException(415, "this server does not decode Content-Encoding '" + printable(encoding)
                    + "': send the body uncompressed, without a Content-Encoding header");
        }
    }

    private byte[] readBody() {
        String length = ctx.header("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > maxBodyBytes) {
                    throw tooLarge();
                }
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("bad Content-Length header");
            }
        }
        try (InputStream in = rawBody()) {
            byte[] bytes = in.readNBytes((int) maxBodyBytes + 1);
            if (bytes.length > maxBodyBytes) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /** A body that stopped arriving (the server's read timeout passed) is 408; any other read failure 400. */
    private static ApiException unreadable(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException) {
                return new ApiException(408, "the request body stopped arriving before its end (fewer bytes than "
                        + "its Content-Length, or none for too long)");
            }
        }
        return ApiException.badRequest("cannot read the request body"
                + (e.getMessage() == null ? "" : ": " + printable(e.getMessage())));
    }

    private static ApiException tooDeepOrLong(StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.contains("nesting depth")) {
            return ApiException.badRequest("the JSON body nests deeper than " + Json.MAX_INPUT_DEPTH
                    + " levels of lists and objects");
        }
        return ApiException.badRequest("the JSON body holds a value longer than this server reads");
    }

    private ApiException tooLarge() {
        return new ApiException(413, "the request body is larger than the limit of " + maxBodyBytes + " bytes");
    }

    private String id(String name, Pattern pattern) {
        String value = ctx.pathParam(name);
        if (!pattern.matcher(value).matches() || value.contains("..")) {
            throw new ApiException(404, "no " + name.replace("Id", "") + " '" + printable(value) + "': not a valid id");
        }
        return value;
    }

    private static int intValue(String name, String value, int min) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min) {
                throw ApiException.badRequest(name + " must be at least " + min + ", was " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a whole number, was '" + printable(value) + "'");
        }
    }

    private static String at(JsonMappingException e) {
        String path = path(e);
        return path.isEmpty() ? "" : " at '" + path + "'";
    }

    private static String path(JsonMappingException e) {
        return printable(e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "["));
    }

    /** The field a mapping error is about, as {@code a.b[2].c}; "the body" for the whole of it. */
    private static String field(JsonMappingException e) {
        String path = path(e);
        return path.isEmpty() ? "the body" : path;
    }

    /** What the field takes: a reader of our own says it (its message starts "expected"), else the target type. */
    private static String expected(MismatchedInputException e) {
        String own = e.getOriginalMessage();
        if (own != null && own.startsWith("expected ")) {
            return own;
        }
        return e.getTargetType() == null ? "a value of another kind" : "expected " + describe(e.getTargetType());
    }

    private static String got(MismatchedInputException e) {
        if (!(e instanceof InvalidFormatException invalid)) {
            return "";
        }
        Object value = invalid.getValue();
        String shown = value instanceof String text ? "\"" + text + "\"" : String.valueOf(value);
        return ", got " + printable(shown);
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Instant.class) {
            return "an instant such as 2024-03-01T12:00:00Z";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "a number";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return type.getSimpleName();
    }

    /** Keeps echoed input short and on one line. */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("[\\p{Cntrl}]", "?");
        return oneLine.length() > 120 ? oneLine.substring(0, 120) + "…" : oneLine;
    }
}
