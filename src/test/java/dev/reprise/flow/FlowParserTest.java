package dev.reprise.flow;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlowParserTest {

    private final FlowParser parser = new FlowParser();

    @Test
    void designExampleParsesIntoItsRecords() throws IOException {
        Flow flow = parser.parse(bikeTrips(), "bike_trips.yaml");

        assertThat(flow.id()).isEqualTo("bike_trips");
        assertThat(flow.description()).isEqualTo("Monthly bike-share trips, cleaned and aggregated");
        assertThat(flow.inputs()).containsOnlyKeys("month", "sample_size");
        assertThat(flow.inputs().get("month")).isEqualTo(new InputSpec("month", InputType.STRING,
                TextNode.valueOf("2024-03"), null, null, null, "\\d{4}-\\d{2}", List.of(),
                new SourcePos("bike_trips.yaml", 4, 3)));
        assertThat(flow.inputs().get("sample_size")).isEqualTo(new InputSpec("sample_size", InputType.INTEGER,
                IntNode.valueOf(5000), null, BigDecimal.ONE, null, null, List.of(),
                new SourcePos("bike_trips.yaml", 5, 3)));
        assertThat(flow.steps()).containsOnlyKeys("extract", "parse", "count", "report");
        assertThat(flow.outputs()).isEmpty();
    }

    @Test
    void designExampleStepsKeepTheirSettings() throws IOException {
        Flow flow = parser.parse(bikeTrips(), "bike_trips.yaml");

        StepDef extract = flow.step("extract");
        assertThat(extract.type()).isEqualTo("dataset.generate");
        assertThat(extract.inputs()).containsExactly(
                java.util.Map.entry("month", TextNode.valueOf("{{ inputs.month }}")),
                java.util.Map.entry("rows", TextNode.valueOf("{{ inputs.sample_size }}")));
        StepDef parse = flow.step("parse");
        assertThat(parse.inputs().get("datetime_format")).isEqualTo(TextNode.valueOf("yy-MM-dd HH:mm:ss"));
        StepDef count = flow.step("count");
        assertThat(count.type()).isEqualTo("shell");
        assertThat(count.foreach()).isEqualTo("{{ steps.parse.outputs.stations }}");
        assertThat(count.retry()).isEqualTo(new RetryPolicy(3, Duration.ofSeconds(2), 1.0, null));
        assertThat(count.timeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(count.run()).startsWith("echo \"trips=$(grep -c \"$REPRISE_INPUT_station\"");
        assertThat(count.needs()).isEmpty();
        assertThat(flow.step("report").run()).contains("awk -F,");
    }

    @Test
    void designExampleDependenciesAreInferredFromReferences() throws IOException {
        Flow flow = parser.parse(bikeTrips(), "bike_trips.yaml");
        FlowGraph graph = FlowGraph.of(flow);

        assertThat(graph.upstreamOf("extract")).isEmpty();
        assertThat(graph.upstreamOf("parse")).containsExactly("extract");
        assertThat(graph.upstreamOf("count")).containsExactly("parse");
        assertThat(graph.upstreamOf("report")).containsExactly("count");
        assertThat(graph.topologicalOrder()).containsExactly("extract", "parse", "count", "report");
        assertThat(flow.step("count").isFanOut()).isTrue();
        assertThat(flow.step("parse").isFanOut()).isFalse();
    }

    @Test
    void stepsAndInputValuesKnowWhereTheyAre() throws IOException {
        Flow flow = parser.parse(bikeTrips(), "bike_trips.yaml");

        StepDef parse = flow.step("parse");
        assertThat(parse.pos()).isEqualTo(new SourcePos("bike_trips.yaml", 10, 3));
        assertThat(parse.inputPos("file")).isEqualTo(new SourcePos("bike_trips.yaml", 13, 13));
        assertThat(flow.step("extract").inputPos("rows")).isEqualTo(new SourcePos("bike_trips.yaml", 9, 50));
    }

    @Test
    void sourceMapLocatesEveryValueAndKey() throws IOException {
        FlowParser.Parsed parsed = parser.read(bikeTrips(), "bike_trips.yaml");

        assertThat(parsed.sourceMap().at("/steps/count/retry/backoff"))
                .isEqualTo(new SourcePos("bike_trips.yaml", 20, 36));
        assertThat(parsed.sourceMap().keyAt("/steps/count/timeout"))
                .isEqualTo(new SourcePos("bike_trips.yaml", 21, 5));
        assertThat(parsed.sourceMap().at("/steps/count/no/such/node"))
                .isEqualTo(parsed.sourceMap().at("/steps/count"));
    }

    @Test
    void durationsAcceptShortAndIsoForms() {
        Flow flow = parser.parse("""
                id: durations
                steps:
                  a:
                    type: shell
                    run: "true"
                    retry: { attempts: 2, backoff: PT5M, factor: 2, max_backoff: 1h30m }
                    timeout: 250ms
                """, "durations.yaml");

        StepDef a = flow.step("a");
        assertThat(a.retry()).isEqualTo(new RetryPolicy(2, Duration.ofMinutes(5), 2.0, Duration.ofMinutes(90)));
        assertThat(a.timeout()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void needsAcceptsASingleStepId() {
        Flow flow = parser.parse("""
                id: single
                steps:
                  a: { type: shell, run: "true" }
                  b: { type: shell, run: "true", needs: a }
                """, "single.yaml");

        assertThat(flow.step("b").needs()).containsExactly("a");
    }

    @Test
    void pythonStepsKeepTheirScriptAndTakeTheFlowsInterpreterWhenTheyNameNone() {
        Flow flow = parser.parse("""
                id: py
                python: /opt/py/bin/python3
                steps:
                  a:
                    type: python
                    script: |
                      import reprise
                      reprise.output("n", 1)
                  b: { type: python, python: /usr/bin/python3, script: "pass" }
                  c: { type: shell, run: "true" }
                """, "py.yaml");

        assertThat(flow.python()).isEqualTo("/opt/py/bin/python3");
        assertThat(flow.step("a").script()).isEqualTo("import reprise\nreprise.output(\"n\", 1)\n");
        assertThat(flow.step("a").python()).isEqualTo("/opt/py/bin/python3");
        assertThat(flow.step("b").python()).isEqualTo("/usr/bin/python3");
        assertThat(flow.step("c").python()).as("only python steps take the flow's interpreter").isNull();
    }

    @Test
    void duplicateKeyIsReportedAtTheRepeatAndTheFirstIsKept() {
        FlowParser.Parsed parsed = parser.read("""
                id: dup
                steps:
                  a:
                    type: shell
                    run: echo first
                    run: echo second
                """, "dup.yaml");

        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.pos()).isEqualTo(new SourcePos("dup.yaml", 6, 5));
            assertThat(p.message()).isEqualTo("duplicate key 'run' in steps.a (first at line 5, column 5)");
        });
        assertThat(parsed.flow().step("a").run()).isEqualTo("echo first");
    }

    @Test
    void duplicateStepIdIsReported() {
        FlowParser.Parsed parsed = parser.read("""
                id: dup
                steps:
                  a: { type: shell, run: echo one }
                  b: { type: shell, run: echo two }
                  a: { type: shell, run: echo three }
                """, "dup.yaml");

        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.pos()).isEqualTo(new SourcePos("dup.yaml", 5, 3));
            assertThat(p.message()).startsWith("duplicate key 'a' in steps");
        });
    }

    @Test
    void yamlSyntaxErrorIsReportedWhereTheParserFoundIt() {
        assertThatThrownBy(() -> parser.parse("""
                id: broken
                steps:
                  a:
                    type: shell
                    needs: [b, c
                    run: echo a
                """, "broken.yaml"))
                .isInstanceOfSatisfying(FlowException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> {
                            assertThat(p.pos()).isEqualTo(new SourcePos("broken.yaml", 6, 8));
                            assertThat(p.message()).startsWith("YAML syntax error: expected ',' or ']'")
                                    .contains("flow sequence that starts at line 5, column 12");
                        }));
    }

    @Test
    void tabIndentationIsReportedOnItsLine() {
        FlowParser.Parsed parsed = parser.read("id: tabs\nsteps:\n\ta: { type: shell }\n", "tabs.yaml");

        assertThat(parsed.flow()).isNull();
        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.pos()).isEqualTo(new SourcePos("tabs.yaml", 3, 1));
            assertThat(p.message()).contains("TAB");
        });
    }

    @Test
    void unknownKeyIsReportedWithTheKeyItWasMeantToBe() {
        FlowParser.Parsed parsed = parser.read("""
                id: typo
                steps:
                  a: { type: shell, run: "true" }
                  b:
                    type: shell
                    neds: [a]
                    run: "true"
                """, "typo.yaml");

        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.pos()).isEqualTo(new SourcePos("typo.yaml", 6, 5));
            assertThat(p.message()).isEqualTo("unknown key 'neds' in step 'b'; did you mean 'needs'?");
        });
    }

    @Test
    void unknownKeyFarFromAnyListsTheKeysThatAreKnown() {
        FlowParser.Parsed parsed = parser.read("""
                id: typo
                owner: someone
                steps:
                  a: { type: shell, run: "true" }
                """, "typo.yaml");

        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.pos()).isEqualTo(new SourcePos("typo.yaml", 2, 1));
            assertThat(p.message()).isEqualTo(
                    "unknown key 'owner' in the flow; expected one of id, description, inputs, steps, outputs, python, files");
        });
    }

    @Test
    void retryAttemptsBelowOneAreReportedAtTheValue() {
        FlowParser.Parsed parsed = parser.read("""
                id: retry
                steps:
                  a:
                    type: shell
                    run: "true"
                    retry: { attempts: 0 }
                """, "retry.yaml");

        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.pos()).isEqualTo(new SourcePos("retry.yaml", 6, 24));
            assertThat(p.message()).contains("attempts must be a whole number of at least 1").endsWith("was 0");
        });
    }

    @Test
    void unreadableDurationIsReportedAtTheValue() {
        FlowParser.Parsed parsed = parser.read("""
                id: timeout
                steps:
                  a:
                    type: shell
                    run: "true"
                    timeout: 5 minutes
                """, "timeout.yaml");

        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.pos()).isEqualTo(new SourcePos("timeout.yaml", 6, 14));
            assertThat(p.message()).isEqualTo(
                    "timeout of step 'a': expected a duration like 30s, 5m, 1h30m or PT5M, got '5 minutes'");
        });
    }

    @Test
    void unknownInputTypeIsReportedWithTheKnownTypes() {
        FlowParser.Parsed parsed = parser.read("""
                id: types
                inputs:
                  n: { type: integr }
                steps:
                  a: { type: shell, run: "true" }
                """, "types.yaml");

        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.pos()).isEqualTo(new SourcePos("types.yaml", 3, 14));
            assertThat(p.message()).startsWith("unknown input type 'integr' for input 'n'; did you mean 'integer'?");
        });
    }

    @Test
    void commandGivenAsOneLineIsReported() {
        FlowParser.Parsed parsed = parser.read("""
                id: command
                steps:
                  a: { type: shell, command: python main.py }
                """, "command.yaml");

        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.pos()).isEqualTo(new SourcePos("command.yaml", 3, 30));
            assertThat(p.message()).contains("must be a list of arguments");
        });
    }

    @Test
    void yamlAliasIsReportedRatherThanReadAsText() {
        FlowParser.Parsed parsed = parser.read("""
                id: alias
                steps:
                  a: { type: shell, run: &script echo hi }
                  b: { type: shell, run: *script }
                """, "alias.yaml");

        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.pos()).isEqualTo(new SourcePos("alias.yaml", 4, 26));
            assertThat(p.message()).contains("YAML aliases (*script) are not supported");
        });
    }

    @Test
    void secondYamlDocumentIsReported() {
        FlowParser.Parsed parsed = parser.read("""
                id: one
                steps:
                  a: { type: shell, run: "true" }
                ---
                id: two
                """, "two.yaml");

        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.pos().line()).isEqualTo(5);
            assertThat(p.message()).startsWith("a flow file holds one YAML document");
        });
    }

    @Test
    void emptyFileIsReported() {
        FlowParser.Parsed parsed = parser.read("# nothing yet\n", "empty.yaml");

        assertThat(parsed.flow()).isNull();
        assertThat(parsed.problems()).singleElement()
                .isEqualTo(new Problem(new SourcePos("empty.yaml", 1, 1), "the flow file is empty"));
    }

    static String bikeTrips() throws IOException {
        try (InputStream in = FlowParserTest.class.getResourceAsStream("bike_trips.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
