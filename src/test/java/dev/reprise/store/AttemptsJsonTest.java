package dev.reprise.store;

import dev.reprise.run.Attempt;
import dev.reprise.run.AttemptState;
import dev.reprise.run.Json;
import dev.reprise.run.SuggestedFix;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The compact attempts column: what is written reads back equal, in any field order, and bad text is refused. */
class AttemptsJsonTest {

    private final AttemptsJson json = new AttemptsJson(Json.newMapper());
    private final Instant queued = Instant.parse("2026-03-01T10:00:00.125Z");

    @Test
    void attemptsReadBackAsWritten() {
        List<Attempt> attempts = List.of(
                new Attempt(1, AttemptState.FAILED, queued, queued.plusMillis(3), queued.plusMillis(40), 2,
                        "exit code 2: \"bad\" row\nat line 3", "fp-1", true, null),
                new Attempt(2, AttemptState.RUNNING, queued.plusMillis(1040), queued.plusMillis(1041), null, null,
                        null, null, false, null),
                new Attempt(3, AttemptState.CANCELLED, null, null, null, null, "cancelled before it started", null, false, null));

        String text = json.write(attempts);

        assertThat(json.read(text)).isEqualTo(attempts);
        assertThat(json.write(List.of())).isNull();
        assertThat(json.read(null)).isEmpty();
    }

    @Test
    void aSuggestedFixReadsBackAsWrittenWhateverItsValues() throws Exception {
        var mapper = Json.newMapper();
        Attempt withCurrent = new Attempt(1, AttemptState.FAILED, queued, queued, queued.plusMillis(9), null,
                "row 2: '01.03.2024' does not match", "fp", true, new SuggestedFix("written as dd.MM.yyyy", "parse",
                "datetime_format", mapper.readTree("\"yy-MM-dd\""), mapper.readTree("\"dd.MM.yyyy\"")));
        Attempt withoutCurrent = new Attempt(2, AttemptState.FAILED, queued, queued, queued.plusMillis(9), null,
                "no column", "fp", false, new SuggestedFix("has 'A' (not 'a')", "parse", "datetime_columns", null,
                mapper.readTree("[\"id\", {\"deep\": [1, 2.5, null]}]")));

        String text = json.write(List.of(withCurrent, withoutCurrent));

        assertThat(json.read(text)).containsExactly(withCurrent, withoutCurrent);
        assertThat(text).contains("\"d\":{\"m\":\"written as dd.MM.yyyy\"");
    }

    @Test
    void fieldsMayComeInAnyOrderAndUnknownOnesAreSkipped() {
        String text = "[{\"e\":40,\"later\":{\"a\":[1,2]},\"b\":3,\"s\":\"SUCCEEDED\",\"q\":" + queued.toEpochMilli()
                + ",\"n\":1,\"x\":0}]";

        assertThat(json.read(text)).containsExactly(new Attempt(1, AttemptState.SUCCEEDED, queued,
                queued.plusMillis(3), queued.plusMillis(40), 0, null, null, false, null));
    }

    @Test
    void textThatIsNotAttemptsIsRefusedWithTheText() {
        assertThatThrownBy(() -> json.read("{\"n\":1}")).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("{\"n\":1}");
        assertThatThrownBy(() -> json.read("[{\"s\":\"FAILED\"}]")).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("not valid");
        assertThatThrownBy(() -> json.read("[{\"n\":1,")).isInstanceOf(UncheckedIOException.class);
    }
}
