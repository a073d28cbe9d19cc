package dev.reprise.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprise.run.Attempt;
import dev.reprise.run.AttemptState;
import dev.reprise.run.SuggestedFix;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The attempts of a step run as one compact JSON array, kept in the step run's row: a table of attempts
 * would cost a row, a key and an index entry per attempt. Keys are one letter, absent values are left
 * out, {@code q} (queued) is epoch milliseconds and {@code b} (began) and {@code e} (ended) are
 * milliseconds after {@code q} (after the epoch when {@code q} is absent), e.g.
 * {@code [{"n":1,"s":"SUCCEEDED","q":1717000000000,"b":2,"e":40,"x":0,"f":"0.1.0","l":1}]}. A failed attempt's
 * suggested fix is the object {@code d}: {@code {"m":summary,"t":step,"i":input,"c":current,"v":suggested}}; a
 * reader that does not know {@code d} skips it, so the fix needs no column of its own and no migration.
 * Thread-safe.
 */
final class AttemptsJson {

    private final JsonFactory factory;

    AttemptsJson(ObjectMapper mapper) {
        this.factory = mapper.getFactory();
    }

    /** The JSON text of {@code attempts}, or null for none. */
    String write(List<Attempt> attempts) {
        if (attempts.isEmpty()) {
            return null;
        }
        StringWriter out = new StringWriter(64 * attempts.size());
        try (JsonGenerator json = factory.createGenerator(out)) {
            json.writeStartArray();
            for (Attempt attempt : attempts) {
                json.writeStartObject();
                json.writeNumberField("n", attempt.number());
                json.writeStringField("s", attempt.state().name());
                long base = 0;
                if (attempt.queuedAt() != null) {
                    base = attempt.queuedAt().toEpochMilli();
                    json.writeNumberField("q", base);
                }
                if (attempt.startedAt() != null) {
                    json.writeNumberField("b", attempt.startedAt().toEpochMilli() - base);
                }
                if (attempt.endedAt() != null) {
                    json.writeNumberField("e", attempt.endedAt().toEpochMilli() - base);
                }
                if (attempt.exitCode() != null) {
                    json.writeNumberField("x", attempt.exitCode());
                }
                if (attempt.error() != null) {
                    json.writeStringField("r", attempt.error());
                }
                if (attempt.fingerprint() != null) {
                    json.writeStringField("f", attempt.fingerprint());
                }
                if (attempt.hasLog()) {
                    json.writeNumberField("l", 1);
                }
                if (attempt.fix() != null) {
                    writeFix(json, attempt.fix());
                }
                if (attempt.childRunId() != null) {
                    json.writeStringField("c", attempt.childRunId());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeFix(JsonGenerator json, SuggestedFix fix) throws IOException {
        json.writeObjectFieldStart("d");
        json.writeStringField("m", fix.summary());
        json.writeStringField("t", fix.stepId());
        json.writeStringField("i", fix.input());
        if (fix.current() != null) {
            json.writeFieldName("c");
            json.writeTree(fix.current());
        }
        json.writeFieldName("v");
        json.writeTree(fix.suggested());
        json.writeEndObject();
    }

    /** The attempts written by {@link #write}; fields in any order, unknown ones skipped. */
    List<Attempt> read(String text) {
        if (text == null) {
            return List.of();
        }
        // a streaming read: a run of thousands of steps is read per row, and a tree per row is garbage
        try (JsonParser json = factory.createParser(text)) {
            expect(json.nextToken() == JsonToken.START_ARRAY, text);
            List<Attempt> attempts = new ArrayList<>(2);
            while (json.nextToken() == JsonToken.START_OBJECT) {
                attempts.add(readAttempt(json, text));
            }
            expect(json.currentToken() == JsonToken.END_ARRAY, text);
            return attempts;
        } catch (IOException e) {
            throw new UncheckedIOException("stored attempts are not valid JSON: " + text, e);
        }
    }

    private static Attempt readAttempt(JsonParser json, String text) throws IOException {
        int number = 0;
        AttemptState state = null;
        Long queued = null;
        Long began = null;
        Long ended = null;
        Integer exitCode = null;
        String error = null;
        String fingerprint = null;
        boolean log = false;
        SuggestedFix fix = null;
        String child = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            switch (field) {
                case "n" -> number = json.getIntValue();
                case "s" -> state = AttemptState.valueOf(json.getText());
                case "q" -> queued = json.getLongValue();
                case "b" -> began = json.getLongValue();
                case "e" -> ended = json.getLongValue();
                case "x" -> exitCode = json.getIntValue();
                case "r" -> error = json.getText();
                case "f" -> fingerprint = json.getText();
                case "l" -> log = true;
                case "d" -> fix = readFix(json.readValueAsTree(), text);
                case "c" -> child = json.getText();
                default -> json.skipChildren();
            }
            expect(value != null, text);
        }
        expect(state != null && number > 0, text);
        long base = queued == null ? 0 : queued;
        return new Attempt(number, state,
                queued == null ? null : Instant.ofEpochMilli(queued),
                began == null ? null : Instant.ofEpochMilli(base + began),
                ended == null ? null : Instant.ofEpochMilli(base + ended),
                exitCode, error, fingerprint, log, fix, child);
    }

    private static SuggestedFix readFix(JsonNode node, String text) {
        expect(node != null && node.path("m").isTextual() && node.path("t").isTextual()
                && node.path("i").isTextual() && node.has("v"), text);
        return new SuggestedFix(node.get("m").asText(), node.get("t").asText(), node.get("i").asText(),
                node.get("c"), node.get("v"));
    }

    private static void expect(boolean condition, String text) {
        if (!condition) {
            throw new UncheckedIOException(new IOException("stored attempts are not valid: " + text));
        }
    }
}
