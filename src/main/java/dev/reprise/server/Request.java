package dev.reprise.server;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
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
    static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");

    private final Context ctx;
    private final ObjectMapper mapper;
    private final long maxBodyBytes;

    Request(Context ctx, ObjectMapper mapper, long maxBodyBytes) {
        this.ctx = ctx;
        this.mapper = mapper;
        this.maxBodyBytes = maxBodyBytes;
    }

    public Context context() {
        return ctx;
    }

    public String runId() {
        return id("runId", ID);
    }

    public String stepId() {
        return id("stepId", STEP_ID);
    }

    public String flowId() {
        return id("flowId", ID);
    }

    public String snapshotName() {
        return id("name", ID);
    }

    public String digest() {
        String value = ctx.pathParam("sha256");
        if (!DIGEST.matcher(value).matches()) {
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

    /** The JSON body as a {@code type}; 400 if it is missing, malformed or has unknown fields, 413 if too large. */
    public <T> T body(Class<T> type) {
        return body(mapper.constructType(type));
    }

    public <T> T body(JavaType type) {
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
        } catch (InvalidFormatException e) {
            throw ApiException.badRequest("bad value " + printable(String.valueOf(e.getValue())) + at(e) + ": expected "
                    + describe(e.getTargetType()));
        } catch (MismatchedInputException e) {
            throw ApiException.badRequest("wrong kind of value" + at(e)
                    + (e.getTargetType() != null ? ": expected " + describe(e.getTargetType()) : ""));
        } catch (JsonMappingException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw ApiException.badRequest("bad request body" + at(e) + ": " + printable(root.getMessage()));
        } catch (JacksonException e) {
            throw ApiException.badRequest("malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + printable(e.getOriginalMessage()));
        } catch (IOException e) {
            throw ApiException.badRequest("cannot read the request body: " + e.getMessage());
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
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes((int) maxBodyBytes + 1);
            if (bytes.length > maxBodyBytes) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw ApiException.badRequest("cannot read the request body: " + e.getMessage());
        }
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
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? "" : " at '" + path + "'";
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == java.time.Instant.class) {
            return "an instant such as 2024-03-01T12:00:00Z";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
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
