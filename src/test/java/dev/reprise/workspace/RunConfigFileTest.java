package dev.reprise.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.reprise.flow.Problem;
import dev.reprise.run.ReplayPlan.PlanError;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The run configuration file: its shape read with every problem at its line and column, and written back. */
class RunConfigFileTest {

    private static final String FULL = """
            flow: hello
            revision: 2
            name: for ada
            description: greets Ada twice
            inputs:
              who: ada
              times: 2
            steps:
              greet: { inputs: { who: "someone else" } }
              count[2]:
                inputs:
                  station: Central
            labels: { team: data }
            env:
              TZ: UTC
            """;

    private static List<String> problems(String text) {
        try {
            RunConfigFile.read(text, "conf.yaml");
        } catch (InvalidInputException e) {
            return e.problems().stream().map(Problem::toString).toList();
        }
        throw new AssertionError("no problem found in " + text);
    }

    @Test
    void everyKeyOfTheShapeIsReadInTheOrderItWasWritten() {
        RunConfig config = RunConfigFile.read(FULL, "conf.yaml").config();

        assertThat(config.flow()).isEqualTo("hello");
        assertThat(config.revision()).isEqualTo(2);
        assertThat(config.name()).isEqualTo("for ada");
        assertThat(config.description()).isEqualTo("greets Ada twice");
        assertThat(config.inputs()).containsExactly(Map.entry("who", TextNode.valueOf("ada")),
                Map.entry("times", IntNode.valueOf(2)));
        assertThat(config.values().stepInputs()).containsOnlyKeys("greet", "count[2]");
        assertThat(config.values().stepInputs().get("count[2]")).containsEntry("station", TextNode.valueOf("Central"));
        assertThat(config.labels()).containsEntry("team", "data");
        assertThat(config.env()).containsEntry("TZ", "UTC");
    }

    @Test
    void anEmptyMapIsAConfigurationThatGivesNothing() {
        assertThat(RunConfigFile.read("{}", "conf.yaml").config()).isEqualTo(RunConfig.empty());
    }

    @Test
    void anUnknownKeyIsReportedAtItsPlaceWithAGuess() {
        assertThat(problems("flow: hello\ninptus:\n  who: ada\n")).containsExactly(
                "conf.yaml:2:1: unknown key 'inptus' in a run configuration; did you mean 'inputs'?");
        assertThat(problems("steps:\n  greet:\n    input: { who: x }\n")).containsExactly(
                "conf.yaml:3:5: unknown key 'input' in step 'greet'; did you mean 'inputs'?");
    }

    @Test
    void valuesOfTheWrongKindAreEachReportedAtTheirPlace() {
        assertThat(problems("""
                flow: [hello]
                revision: two
                inputs: [who]
                steps:
                  greet: ada
                labels:
                  team: { a: b }
                  owner: ~
                """)).containsExactly(
                "conf.yaml:1:7: flow (a flow's id) must be text, not a list",
                "conf.yaml:2:11: revision must be a whole number of at least 1 (a revision of the flow), not 'two'",
                "conf.yaml:3:9: inputs must be a map of input name → value, not a list",
                "conf.yaml:5:10: step 'greet' must be a map like { inputs: { name: value } }, not 'ada'",
                "conf.yaml:7:9: label 'team' must be text, not a map",
                "conf.yaml:8:10: label 'owner' needs a value (text)");
    }

    @Test
    void aBadFlowIdARevisionOfZeroAndATextRevisionAreRefused() {
        assertThat(problems("flow: 9lives\nrevision: 0\n")).containsExactly(
                "conf.yaml:1:7: flow id '9lives' must start with a letter and hold only letters, digits, '_', '.' "
                        + "and '-'",
                "conf.yaml:2:11: revision must be a whole number of at least 1 (a revision of the flow), not '0'");
        assertThat(problems("revision: \"2\"\n")).singleElement().asString().startsWith("conf.yaml:1:11: revision");
    }

    @Test
    void yamlErrorsRepeatedKeysAndARootThatIsNoMapAreReportedAtTheirPlace() {
        assertThat(problems("inputs:\n  who: ada\n   times: 2\n")).singleElement().asString()
                .startsWith("conf.yaml:3:").contains("YAML syntax error");
        assertThat(problems("inputs:\n  who: ada\n  who: grace\n")).singleElement().asString()
                .startsWith("conf.yaml:3:3: duplicate key 'who' in inputs (first at line 2, column 3)");
        assertThat(problems("- flow: hello\n")).containsExactly("conf.yaml:1:1: a run configuration is a YAML map of "
                + "flow, revision, name, description, inputs, steps, labels, env (each optional)");
        assertThat(problems("")).containsExactly("conf.yaml:1:1: the run configuration is empty");
    }

    @Test
    void errorsAboutTheFilesValuesAreLocatedAndThoseGivenBesideItAreNot() {
        RunConfigFile file = RunConfigFile.read(FULL, "conf.yaml")
                .overriddenBy(RunConfig.of(null, new dev.reprise.run.RequestValues(
                        Map.of("times", TextNode.valueOf("9")), null, null), Map.of(), Map.of()));

        assertThat(file.config().inputs()).containsEntry("times", TextNode.valueOf("9"))
                .containsEntry("who", TextNode.valueOf("ada"));
        assertThat(file.locate(List.of(
                new PlanError("parameters.who", "input 'who': bad"),
                new PlanError("parameters.times", "input 'times': must be at most 5, was 9"),
                new PlanError("steps.count[2].inputs.station", "no such input"),
                new PlanError("steps.greet", "no such step"),
                new PlanError("scope", "FROM takes exactly one step")))).extracting(Problem::toString).containsExactly(
                "conf.yaml:6:8: input 'who': bad",
                "parameters.times: input 'times': must be at most 5, was 9",
                "conf.yaml:12:16: no such input",
                "conf.yaml:9:3: no such step",
                "scope: FROM takes exactly one step");
        InvalidInputException refused = file.located(new InvalidInputException(List.of(
                Problem.of("flowId: run r-1 is of flow 'other', not 'hello'"),
                new Problem(dev.reprise.flow.SourcePos.unknown("revision"), "flow 'hello' has no revision 2"),
                Problem.of("name: there is a snapshot 'x' already"))));
        assertThat(refused.problems()).extracting(Problem::toString).containsExactly(
                "conf.yaml:1:7: run r-1 is of flow 'other', not 'hello'",
                "conf.yaml:2:11: flow 'hello' has no revision 2",
                "name: there is a snapshot 'x' already");
    }

    @Test
    void aWrittenConfigurationReadsBackTheSameWithTextThatLooksLikeOtherValuesQuoted() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        Map<String, JsonNode> inputs = new LinkedHashMap<>();
        for (String text : List.of("2024-03", "007", "1e3", "true", "yes", "no", "on", "off", "null", "~", "", " x",
                "a: b", "#hash", "- dash", "{{ inputs.month }}", "multi\nline", "quote'\"", "*alias", "&anchor",
                "!tag", "%pct", "@at", "`tick", "0x1F", ".inf", "3.0", "-1", "Y", "N")) {
            inputs.put("t" + inputs.size(), TextNode.valueOf(text));
        }
        inputs.put("int", IntNode.valueOf(7));
        inputs.put("decimal", DecimalNode.valueOf(new BigDecimal("2.50")));
        inputs.put("bool", BooleanNode.TRUE);
        inputs.put("nothing", NullNode.getInstance());
        inputs.put("list", nodes.arrayNode().add("a").add(1));
        inputs.put("object", nodes.objectNode().put("$artifact", "ab".repeat(32)).put("name", "x.csv"));
        RunConfig config = new RunConfig("hello", 3, "run: 1", "it's \"quoted\"", inputs,
                Map.of("count[2]", new RunConfig.StepConfig(Map.of("rows", TextNode.valueOf("10")))),
                Map.of("team", "data", "n", "1"), Map.of("TZ", "UTC", "EMPTY", ""));

        String written = RunConfigFile.write(config, List.of("a snapshot", "second line"));
        RunConfig read = RunConfigFile.read(written, "written.yaml").config();

        assertThat(written).startsWith("# a snapshot\n# second line\nflow: hello\nrevision: 3\n");
        assertThat(read.inputs()).containsExactlyEntriesOf(inputs);
        assertThat(read).isEqualTo(config);
        assertThat(RunConfigFile.read(RunConfigFile.write(RunConfig.empty(), List.of()), "x").config())
                .isEqualTo(RunConfig.empty());
    }
}
