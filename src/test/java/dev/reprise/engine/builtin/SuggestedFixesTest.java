package dev.reprise.engine.builtin;

import dev.reprise.engine.spi.FailureWithFix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The fixes csv.parse and csv.aggregate suggest when they fail, and the failures they suggest none for. */
class SuggestedFixesTest {

    @TempDir
    Path tmp;

    private final CsvParseHandler parse = new CsvParseHandler();
    private final CsvAggregateHandler aggregate = new CsvAggregateHandler();

    private Path csv(String text) throws Exception {
        return Files.writeString(Files.createTempFile(tmp, "in", ".csv"), text);
    }

    private Throwable parseFailure(Path file, String format, List<String> columns, String station) {
        return catchThrowable(() -> parse.run(new CsvParseHandler.Inputs(file, format, columns, station),
                new TestStepContext(tmp, "parse")));
    }

    @Test
    void theBikeTripsExportGetsTheIsoFormatSuggestedAndParsesWithIt() throws Exception {
        Path file = (Path) new DatasetGenerateHandler().run(new DatasetGenerateHandler.Inputs("2024-03", 300, 42L),
                new TestStepContext(tmp, "extract")).get("file");

        Throwable failure = parseFailure(file, "yy-MM-dd HH:mm:ss", null, null);

        assertThat(failure).isInstanceOf(FailureWithFix.class);
        FailureWithFix fix = (FailureWithFix) failure;
        assertThat(fix.input()).isEqualTo("datetime_format");
        assertThat(fix.current()).isEqualTo("yy-MM-dd HH:mm:ss");
        assertThat(fix.suggested()).isEqualTo("yyyy-MM-dd'T'HH:mm:ss");
        assertThat(fix.summary()).isEqualTo("the values of started_at, ended_at are written as yyyy-MM-dd'T'HH:mm:ss");
        assertThat(parse.run(new CsvParseHandler.Inputs(file, (String) fix.suggested(), null, null),
                new TestStepContext(tmp, "parse2"))).containsEntry("rows", 300);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2024-03-01T08:15:00.250 | 2024-03-02T17:00:05.000 | yyyy-MM-dd'T'HH:mm:ss.SSS",
            "2024-03-01T08:15        | 2024-03-02T17:00        | yyyy-MM-dd'T'HH:mm",
            "2024-03-01 08:15:00     | 2024-03-02 17:00:05     | yyyy-MM-dd HH:mm:ss",
            "2024/03/01 08:15        | 2024/03/02 17:00        | yyyy/MM/dd HH:mm",
            "01.03.2024              | 02.03.2024              | dd.MM.yyyy",
            "03/01/2024 08:15:00     | 03/25/2024 17:00:05     | MM/dd/yyyy HH:mm:ss",
            "01/03/2024              | 25/03/2024              | dd/MM/yyyy",
            "1709280900              | 1709398805              | epoch_seconds",
            "1709280900000           | 1709398805123           | epoch_millis",
    })
    void aFormatTheValuesAreWrittenInIsSuggestedAndReadsThem(String first, String second, String expected)
            throws Exception {
        Path file = csv("id,started_at\n1," + first + "\n2," + second + "\n");

        Throwable failure = parseFailure(file, "yy-MM-dd HH:mm:ss", null, null);

        assertThat(failure).isInstanceOf(FailureWithFix.class);
        assertThat(((FailureWithFix) failure).suggested()).isEqualTo(expected);
        assertThat(parse.run(new CsvParseHandler.Inputs(file, expected, null, null), new TestStepContext(tmp, "again")))
                .containsEntry("rows", 2);
    }

    @Test
    void aFormatIsSuggestedWhenTheDefaultWasUsedWithTheInputNotSet() throws Exception {
        Path file = csv("id,started_at\n1,01.03.2024 08:15\n");

        FailureWithFix fix = (FailureWithFix) parseFailure(file, null, null, null);

        assertThat(fix.current()).isNull();
        assertThat(fix.suggested()).isEqualTo("dd.MM.yyyy HH:mm");
    }

    @Test
    void aValueThatMatchesNoKnownFormatGetsNoSuggestion() throws Exception {
        Path file = csv("id,started_at\n1,yesterday at noon\n");

        Throwable failure = parseFailure(file, "yy-MM-dd HH:mm:ss", null, null);

        assertThat(failure).isNotInstanceOf(FailureWithFix.class).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row 2, column started_at: 'yesterday at noon' does not match the date-time format "
                        + "'yy-MM-dd HH:mm:ss'");
    }

    @Test
    void valuesWrittenInTwoFormatsGetNoSuggestion() throws Exception {
        Path file = csv("id,started_at\n1,2024-03-01T08:15:00\n2,01.03.2024\n");

        assertThat(parseFailure(file, "yy-MM-dd HH:mm:ss", null, null)).isNotInstanceOf(FailureWithFix.class);
    }

    @Test
    void aDateTimeColumnInOtherLetterCaseIsSuggested() throws Exception {
        Path file = csv("id,Started_At,ended\n1,2024-03-01T08:15:00,x\n");

        FailureWithFix fix = (FailureWithFix) parseFailure(file, null, List.of("id", "started_at"), null);

        assertThat(fix.input()).isEqualTo("datetime_columns");
        assertThat(fix.current()).isEqualTo(List.of("id", "started_at"));
        assertThat(fix.suggested()).isEqualTo(List.of("id", "Started_At"));
        assertThat(fix.summary()).contains("'Started_At' (not 'started_at')");
    }

    @Test
    void aMisspeltStationColumnGetsTheCloseNameSuggested() throws Exception {
        Path file = csv("id,start_station\n1,Old Town\n");

        FailureWithFix fix = (FailureWithFix) parseFailure(file, null, null, "start_statoin");

        assertThat(fix.input()).isEqualTo("station_column");
        assertThat(fix.current()).isEqualTo("start_statoin");
        assertThat(fix.suggested()).isEqualTo("start_station");
        assertThat(fix).hasMessage("station_column 'start_statoin' is not a column of " + file.getFileName()
                + " (its columns: id, start_station)");
    }

    @Test
    void aColumnNameFarFromEveryColumnGetsNoSuggestion() throws Exception {
        Path file = csv("id,start_station\n1,Old Town\n");

        assertThat(parseFailure(file, null, null, "depot")).isNotInstanceOf(FailureWithFix.class)
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void numbersWithADecimalCommaGetTheDecimalOptionSuggestedAndAddUpWithIt() throws Exception {
        Path file = csv("station,duration_s\nA,\"3,5\"\nA,\"4,25\"\nB,2\n");

        Throwable failure = catchThrowable(() -> aggregate.run(
                new CsvAggregateHandler.Inputs(file, "station", "duration_s", null), new TestStepContext(tmp, "a")));

        assertThat(failure).isInstanceOf(FailureWithFix.class)
                .hasMessage("row 2, column duration_s: '3,5' is not a number");
        FailureWithFix fix = (FailureWithFix) failure;
        assertThat(fix.input()).isEqualTo("decimal");
        assertThat(fix.current()).isNull();
        assertThat(fix.suggested()).isEqualTo(",");
        Map<String, Object> out = aggregate.run(new CsvAggregateHandler.Inputs(file, "station", "duration_s", ","),
                new TestStepContext(tmp, "b"));
        @SuppressWarnings("unchecked")
        Map<String, Object> busiest = ((List<Map<String, Object>>) ((Map<String, Object>) out.get("summary"))
                .get("groups")).get(0);
        assertThat(busiest).containsEntry("station", "A").containsEntry("sum_duration_s", 7.75);
    }

    @Test
    void aColumnMixingDecimalPointsAndCommasGetsNoSuggestion() throws Exception {
        Path file = csv("station,duration_s\nA,\"3,5\"\nB,4.5\n");

        Throwable failure = catchThrowable(() -> aggregate.run(
                new CsvAggregateHandler.Inputs(file, "station", "duration_s", null), new TestStepContext(tmp, "a")));

        assertThat(failure).isNotInstanceOf(FailureWithFix.class).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWordWhereANumberBelongsGetsNoSuggestion() throws Exception {
        Path file = csv("station,duration_s\nA,five\n");

        Throwable failure = catchThrowable(() -> aggregate.run(
                new CsvAggregateHandler.Inputs(file, "station", "duration_s", null), new TestStepContext(tmp, "a")));

        assertThat(failure).isNotInstanceOf(FailureWithFix.class).hasMessage("row 2, column duration_s: 'five' is not a number");
    }

    @Test
    void aMisspeltValueColumnGetsTheCloseNameSuggested() throws Exception {
        Path file = csv("station,duration_s\nA,5\n");

        Throwable failure = catchThrowable(() -> aggregate.run(
                new CsvAggregateHandler.Inputs(file, "station", "Duration_S", null), new TestStepContext(tmp, "a")));

        assertThat(failure).isInstanceOf(FailureWithFix.class);
        assertThat(((FailureWithFix) failure).suggested()).isEqualTo("duration_s");
    }
}
