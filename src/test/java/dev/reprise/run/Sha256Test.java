package dev.reprise.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class Sha256Test {

    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @TempDir
    Path folder;

    @Test
    void aTextAStreamAndAFileWithTheSameBytesHaveTheStandardDigest() throws Exception {
        Path file = Files.writeString(folder.resolve("abc.txt"), "abc");

        assertThat(Sha256.of("abc")).isEqualTo(ABC);
        assertThat(Sha256.of(new ByteArrayInputStream("abc".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(new Sha256.Summary(ABC, 3));
        assertThat(Sha256.of(file)).isEqualTo(new Sha256.Summary(ABC, 3));
        assertThat(ArtifactRef.describe(file)).isEqualTo(new ArtifactRef(ABC, "abc.txt", null, 3));
    }
}
