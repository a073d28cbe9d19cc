package dev.reprise.ui.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.reprise.run.ArtifactRef;
import dev.reprise.ui.common.Formats;
import dev.reprise.workspace.Workspace;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Turns a value into a {@link Preview}, reading at most a bounded prefix of a file artifact (so a large
 * file never lands in memory whole). Blocking: call it off the UI thread. Thread-safe.
 */
final class Previews {

    static final int TEXT_BYTES = 256 * 1024;
    static final int IMAGE_BYTES = 16 * 1024 * 1024;
    static final int TABLE_ROWS = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CsvMapper CSV = new CsvMapper();

    private Previews() {
    }

    static Preview of(Workspace workspace, JsonNode value) {
        if (value == null || value.isNull()) {
            return new Preview.Message("null");
        }
        if (!ArtifactRef.isRef(value)) {
            return value.isContainerNode() ? new Preview.Json(value) : new Preview.Text(value.isTextual() ? value.asText() : value.toString(), false);
        }
        ArtifactRef ref = ArtifactRef.from(value).orElseThrow();
        String kind = kind(ref);
        if (kind.equals("image")) {
            if (ref.size() > IMAGE_BYTES) {
                return new Preview.Message("The image is " + Formats.size(ref.size()) + ", too large to preview.");
            }
            return new Preview.Image(read(workspace, ref, IMAGE_BYTES), ref.name());
        }
        byte[] head = read(workspace, ref, TEXT_BYTES);
        boolean truncated = ref.size() > head.length;
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(truncated ? trimToLine(head) : head)).toString();
        } catch (CharacterCodingException e) {
            return new Preview.Message("A binary file of " + Formats.size(ref.size())
                    + (ref.mediaType() != null ? " (" + ref.mediaType() + ")" : "") + ": no preview.");
        }
        if (kind.equals("csv")) {
            Preview table = table(text, truncated);
            if (table != null) {
                return table;
            }
        }
        if (kind.equals("json") && !truncated) {
            try {
                return new Preview.Json(JSON.readTree(text));
            } catch (IOException e) {
                // show it as text
            }
        }
        return new Preview.Text(text, truncated);
    }

    private static String kind(ArtifactRef ref) {
        String type = ref.mediaType() == null ? "" : ref.mediaType().toLowerCase(Locale.ROOT);
        String name = ref.name() == null ? "" : ref.name().toLowerCase(Locale.ROOT);
        if (type.startsWith("image/") || name.matches(".*\\.(png|jpe?g|gif|bmp)$")) {
            return "image";
        }
        if (type.contains("csv") || name.endsWith(".csv")) {
            return "csv";
        }
        if (type.contains("json") || name.endsWith(".json")) {
            return "json";
        }
        return "text";
    }

    private static byte[] trimToLine(byte[] head) {
        for (int i = head.length - 1; i >= 0; i--) {
            if (head[i] == '\n') {
                return Arrays.copyOf(head, i + 1);
            }
        }
        return head;
    }

    private static byte[] read(Workspace workspace, ArtifactRef ref, int max) {
        try (InputStream in = workspace.openArtifact(ref.sha256())) {
            return in.readNBytes(max);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + (ref.name() != null ? ref.name() : ref.sha256()), e);
        }
    }

    private static Preview table(String text, boolean truncated) {
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<String[]> it = CSV.readerFor(String[].class).with(CsvParser.Feature.WRAP_AS_ARRAY)
                .readValues(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))) {
            while (it.hasNext() && rows.size() <= TABLE_ROWS) {
                rows.add(List.of(it.next()));
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (rows.isEmpty()) {
            return null;
        }
        boolean more = truncated || rows.size() > TABLE_ROWS;
        List<List<String>> body = rows.subList(1, Math.min(rows.size(), TABLE_ROWS + 1));
        return new Preview.Table(rows.get(0), body, more);
    }
}
