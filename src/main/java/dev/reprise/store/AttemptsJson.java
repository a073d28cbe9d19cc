package dev.reprise.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprise.run.Attempt;
import dev.reprise.run.AttemptState;

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
 * {@code [{"n":1,"s":"SUCCEEDED","q":1717000000000,"b":2,"e":40,"x":0,"f":"0.1.0","l":1}]}.
 * Thread-safe.
 */
final class AttemptsJson {

    private final ObjectMapper mapper;
    private final JsonFactory factory;

    AttemptsJson(ObjectMapper mapper) {
        this.mapper = mapper;
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
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    List<Attempt> read(String text) {
        if (text == null) {
            return List.of();
        }
        JsonNode array;
        try {
            array = mapper.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("stored attempts are not valid JSON: " + text, e);
        }
        List<Attempt> attempts = new ArrayList<>(array.size());
        for (JsonNode node : array) {
            Instant queuedAt = node.has("q") ? Instant.ofEpochMilli(node.get("q").asLong()) : null;
            long base = queuedAt == null ? 0 : queuedAt.toEpochMilli();
            attempts.add(new Attempt(
                    node.get("n").asInt(),
                    AttemptState.valueOf(node.get("s").asText()),
                    queuedAt,
                    node.has("b") ? Instant.ofEpochMilli(base + node.get("b").asLong()) : null,
                    node.has("e") ? Instant.ofEpochMilli(base + node.get("e").asLong()) : null,
                    node.has("x") ? node.get("x").asInt() : null,
                    node.has("r") ? node.get("r").asText() : null,
                    node.has("f") ? node.get("f").asText() : null,
                    node.has("l")));
        }
        return attempts;
    }
}
