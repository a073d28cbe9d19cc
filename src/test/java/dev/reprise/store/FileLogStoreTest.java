package dev.reprise.store;

import dev.reprise.run.LogChunk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileLogStoreTest {

    @TempDir
    Path root;

    @Test
    void eachAttemptHasItsOwnFileWithItsFoldersCreated() {
        FileLogStore logs = new FileLogStore(root);

        Path file = logs.file("r-01jd3k", "count[3]", 2);

        assertThat(file).isEqualTo(root.resolve("r-01jd3k").resolve("count[3]").resolve("2.log"));
        assertThat(file.getParent()).isDirectory();
        assertThat(file).doesNotExist();
    }

    @Test
    void idsCannotReachOutsideTheLogFolder() {
        FileLogStore logs = new FileLogStore(root.resolve("logs"));
        for (String id : new String[] {"..", ".", "../..", "a/../../b", "/etc", "a\\..\\b", "C:", "x\u0000y"}) {
            Path file = logs.file(id, id, 1);
            assertThat(file.normalize()).as(id).startsWithRaw(root.resolve("logs"));
            assertThat(root.resolve("logs").relativize(file).getNameCount()).as(id).isEqualTo(3);
        }
    }

    @Test
    void differentIdsNeverShareAFolder() {
        assertThat(FileLogStore.folderName("a/b")).isNotEqualTo(FileLogStore.folderName("a%2Fb"));
        assertThat(FileLogStore.folderName("..")).isEqualTo("%2E%2E");
        assertThat(FileLogStore.folderName("v1.2")).isEqualTo("v1.2");
        assertThat(FileLogStore.folderName("étape")).isEqualTo("%C3%A9tape");
    }

    @Test
    void emptyIdsAndAttemptZeroAreRejected() {
        FileLogStore logs = new FileLogStore(root);

        assertThatThrownBy(() -> logs.file("", "s", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> logs.file("r", "s", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAbsentLogReadsAsAnEmptyChunk() {
        FileLogStore logs = new FileLogStore(root);

        assertThat(logs.read("r", "s", 1, 0, 100, false)).isEqualTo(new LogChunk(0, 0, 0, "", false));
        assertThat(logs.read("r", "s", 1, 0, 100, true)).isEqualTo(new LogChunk(0, 0, 0, "", true));
    }

    @Test
    void chunksNeverSplitAMultibyteCharacter() throws Exception {
        FileLogStore logs = new FileLogStore(root);
        String text = "aé€𝄞b\n".repeat(20) + "end";
        Files.writeString(logs.file("r", "s", 1), text);

        for (int maxBytes = 1; maxBytes <= 12; maxBytes++) {
            StringBuilder read = new StringBuilder();
            long offset = 0;
            LogChunk chunk;
            do {
                chunk = logs.read("r", "s", 1, offset, maxBytes, true);
                assertThat(chunk.text()).doesNotContain("\uFFFD");
                assertThat(chunk.nextOffset()).isGreaterThan(offset);
                assertThat(chunk.nextOffset() - offset).isLessThanOrEqualTo(Math.max(maxBytes, 4));
                read.append(chunk.text());
                offset = chunk.nextOffset();
            } while (!chunk.complete());
            assertThat(read.toString()).as("maxBytes " + maxBytes).isEqualTo(text);
        }
    }

    @Test
    void aChunkStopsBeforeACharacterCutByTheLimit() throws Exception {
        FileLogStore logs = new FileLogStore(root);
        Files.writeString(logs.file("r", "s", 1), "ab€cd"); // € is 3 bytes: offsets 2..4

        LogChunk chunk = logs.read("r", "s", 1, 0, 4, true);

        assertThat(chunk).isEqualTo(new LogChunk(0, 2, 7, "ab", false));
        assertThat(logs.read("r", "s", 1, 2, 4, true)).isEqualTo(new LogChunk(2, 6, 7, "€c", false));
        assertThat(logs.read("r", "s", 1, 6, 4, true)).isEqualTo(new LogChunk(6, 7, 7, "d", true));
    }

    @Test
    void aRunningAttemptsHalfWrittenCharacterWaitsForTheRest() throws Exception {
        FileLogStore logs = new FileLogStore(root);
        Path file = logs.file("r", "s", 1);
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream partial = new ByteArrayOutputStream();
        partial.writeBytes("ok ".getBytes(StandardCharsets.UTF_8));
        partial.writeBytes(Arrays.copyOf(euro, 2));
        Files.write(file, partial.toByteArray());

        LogChunk first = logs.read("r", "s", 1, 0, 1000, false);
        assertThat(first).isEqualTo(new LogChunk(0, 3, 5, "ok ", false));

        Files.write(file, new byte[] {euro[2], '\n'}, java.nio.file.StandardOpenOption.APPEND);
        assertThat(logs.read("r", "s", 1, first.nextOffset(), 1000, true)).isEqualTo(new LogChunk(3, 7, 7, "€\n", true));
    }

    @Test
    void aLogThatEndedOnABrokenCharacterStillCompletes() throws Exception {
        FileLogStore logs = new FileLogStore(root);
        Files.write(logs.file("r", "s", 1), new byte[] {'x', (byte) 0xE2, (byte) 0x82});

        LogChunk chunk = logs.read("r", "s", 1, 0, 1000, true);

        assertThat(chunk.complete()).isTrue();
        assertThat(chunk.nextOffset()).isEqualTo(3);
        assertThat(chunk.text()).startsWith("x");
    }

    @Test
    void completeOnlyOnceTheAttemptEndedAndEverythingWasRead() throws Exception {
        FileLogStore logs = new FileLogStore(root);
        Files.writeString(logs.file("r", "s", 1), "0123456789");

        assertThat(logs.read("r", "s", 1, 0, 100, false).complete()).isFalse();
        assertThat(logs.read("r", "s", 1, 0, 5, true).complete()).isFalse();
        assertThat(logs.read("r", "s", 1, 5, 5, true)).isEqualTo(new LogChunk(5, 10, 10, "56789", true));
        assertThat(logs.read("r", "s", 1, 10, 5, true)).isEqualTo(new LogChunk(10, 10, 10, "", true));
    }

    @Test
    void aReadReturnsOnlyTheBytesAskedFor() throws Exception {
        FileLogStore logs = new FileLogStore(root);
        Files.writeString(logs.file("r", "s", 1), "x".repeat(5_000_000));

        LogChunk chunk = logs.read("r", "s", 1, 4_000_000, 64 * 1024, false);

        assertThat(chunk.text()).hasSize(64 * 1024);
        assertThat(chunk.nextOffset()).isEqualTo(4_000_000 + 64 * 1024);
        assertThat(chunk.size()).isEqualTo(5_000_000);
    }
}
