package dev.reprise.flow;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlowValidatorTest {

    private static final String FILE = "flow.yaml";

    /** The files of a flow folder that the checks of code against its files use. */
    private static final Function<String, List<FlowFile>> CODE = flowId -> Stream.of("bin/python",
            "lib/__init__.py", "lib/totals.py", "report.sh", "steps/clean.py")
            .map(path -> new FlowFile(path, 1, "0".repeat(64))).toList();

    private final FlowValidator validator = new FlowValidator(TestStepTypes.standard(), new Templates());

    @Test
    void designExampleIsValid() throws IOException {
        Flow flow = validator.load(FlowParserTest.bikeTrips(), "bike_trips.yaml");

        assertThat(flow.steps()).containsOnlyKeys("extract", "parse", "count", "report");
    }

    @Test
    void idsLongerThanTheStoreKeepsAreReportedAtTheirPlace() {
        String flowId = "f".repeat(Ids.MAX_LENGTH + 1);
        String stepId = "s".repeat(300);

        assertThat(validator.check("id: " + flowId + "\nsteps:\n  " + stepId + ": { type: shell, run: 'true' }\n", FILE))
                .containsExactly(
                        new Problem(new SourcePos(FILE, 1, 5), "flow id 'ffffffffffffffffffff…' is 129 characters "
                                + "long; an id is at most 128"),
                        new Problem(new SourcePos(FILE, 3, 3), "step id 'ssssssssssssssssssss…' is 300 characters "
                                + "long; an id is at most 128"));
    }

    @Test
    void unknownStepTypeIsReportedAtTheTypeWithTheKnownTypes() {
        assertOneProblem("""
                id: demo
                steps:
                  a:
                    type: csv.prase
                """, 4, 11, "unknown step type 'csv.prase' in step 'a'; did you mean 'csv.parse'?; "
                + "known types: csv.parse, dataset.generate, python, shell");
    }

    @Test
    void unknownInputOfAClosedTypeIsReportedAtItsName() {
        assertOneProblem("""
                id: demo
                steps:
                  a:
                    type: csv.parse
                    inputs:
                      file: data.csv
                      delimter: ";"
                """, 7, 7, "step 'a' (csv.parse) has no input 'delimter'; did you mean 'delimiter'?; "
                + "it accepts datetime_format, delimiter, file");
    }

    @Test
    void shellAcceptsAnyInputName() {
        assertThat(validator.check("""
                id: demo
                steps:
                  a:
                    type: shell
                    inputs: { anything: 1, whatever_else: [1, 2] }
                    run: echo "$REPRISE_INPUT_anything"
                """, FILE)).isEmpty();
    }

    @Test
    void shellInputThatCannotBeAnEnvironmentVariableIsReported() {
        assertOneProblem("""
                id: demo
                steps:
                  a:
                    type: shell
                    inputs: { row-count: 1 }
                    run: env
                """, 5, 15, "input 'row-count' of step 'a' (shell) cannot become the environment variable "
                + "REPRISE_INPUT_row-count; use letters, digits and '_'");
    }

    @Test
    void pythonStepWithAScriptAcceptsAnyInputName() {
        assertThat(validator.check("""
                id: demo
                python: /usr/bin/python3
                steps:
                  a:
                    type: python
                    inputs: { row-count: 1, rows: [1, 2] }
                    script: |
                      import reprise
                      print(reprise.inputs()["row-count"])
                """, FILE)).isEmpty();
    }

    @Test
    void pythonStepWithoutCodeIsReported() {
        assertOneProblem("""
                id: demo
                steps:
                  a:
                    type: python
                """, 3, 3, "python step 'a' needs script: (its Python source), file: (a script of the flow folder) "
                + "or function: (module:name, a function of the flow folder's code)");
    }

    @Test
    void fileOfAFlowWithoutFilesIsReportedAtItsValue() {
        assertOneProblem("""
                id: demo
                steps:
                  a:
                    type: python
                    file: clean.py
                """, 5, 11, "file: 'clean.py' of python step 'a' is not a file of the flow, which has none: keep the "
                + "flow as a folder (flow.yaml beside the files it uses) and apply the folder, or put the code in "
                + "script:");
    }

    @Test
    void functionOfAFlowWithoutFilesIsReportedAtItsValue() {
        assertOneProblem("""
                id: demo
                steps:
                  a:
                    type: python
                    function: clean:main
                """, 5, 15, "function: 'clean:main' of python step 'a' imports clean.py from the flow's files, and "
                + "the flow has none: keep the flow as a folder (flow.yaml beside the files it uses) and apply the "
                + "folder");
    }

    @Test
    void aFileAFunctionAndAnInterpreterOfTheFolderAreValid() {
        assertThat(validator.check("""
                id: demo
                python: bin/python
                steps:
                  a: { type: python, file: steps/clean.py }
                  b: { type: python, function: "lib.totals:run", files: ["lib/**", "bin/*"] }
                  c: { type: shell, run: sh report.sh, files: ["*.sh"] }
                """, FILE, CODE)).isEmpty();
    }

    @Test
    void fileThatIsNotOneOfTheFlowsFilesIsReportedWithTheClosest() {
        assertOneProblem(CODE, """
                id: demo
                steps:
                  a: { type: python, file: steps/claen.py }
                """, 3, 28, "file: 'steps/claen.py' of python step 'a' is not one of the flow's files; did you mean "
                + "'steps/clean.py'? (its files: bin/python, lib/__init__.py, lib/totals.py, report.sh, "
                + "steps/clean.py)");
    }

    @Test
    void fileGoingOutOfTheFolderIsReported() {
        assertOneProblem(CODE, """
                id: demo
                steps:
                  a: { type: python, file: ../clean.py }
                """, 3, 28, "file: of python step 'a' must be a path inside the flow folder, such as clean.py, was "
                + "'../clean.py'");
    }

    @Test
    void functionWithoutAColonIsReportedAtItsValue() {
        assertOneProblem(CODE, """
                id: demo
                steps:
                  a:
                    type: python
                    function: lib.totals
                """, 5, 15, "function: of python step 'a' must be module:name, such as clean:run (the function run "
                + "of clean.py), was 'lib.totals'");
    }

    @Test
    void functionWhoseModuleIsNoFileOfTheFolderIsReported() {
        assertOneProblem(CODE, """
                id: demo
                steps:
                  a: { type: python, function: "lib.total:run" }
                """, 3, 32, "function: 'lib.total:run' of python step 'a' imports its module from the flow's files, "
                + "which hold neither lib/total.py nor lib/total/__init__.py; did you mean 'lib/totals.py'?");
    }

    @Test
    void twoKindsOfCodeInOneStepAreReportedAtTheSecond() {
        assertOneProblem(CODE, """
                id: demo
                steps:
                  a:
                    type: python
                    script: print(1)
                    file: steps/clean.py
                """, 6, 5, "python step 'a' has both script: and file:; keep one (script: its Python source, "
                + "file: a script of the flow folder, function: module:name)");
    }

    @Test
    void aStepsGlobThatMatchesNoFileIsReportedAtTheGlob() {
        assertOneProblem(CODE, """
                id: demo
                steps:
                  a: { type: shell, run: sh report.sh, files: [report.sh, "sql/*.sql"] }
                """, 3, 59, "files: glob 'sql/*.sql' of step 'a' matches none of the flow's files (its files: "
                + "bin/python, lib/__init__.py, lib/totals.py, report.sh, steps/clean.py)");
    }

    @Test
    void aStepsFilesOfAFlowWithoutFilesAreReported() {
        assertOneProblem("""
                id: demo
                steps:
                  a: { type: shell, run: sh report.sh, files: [report.sh] }
                """, 3, 40, "files: of step 'a' names files of a flow folder, and this flow has none: keep the flow "
                + "as a folder (flow.yaml beside the files it uses) and apply the folder");
    }

    @Test
    void aFileTheStepsFilesLeaveOutIsReported() {
        assertOneProblem(CODE, """
                id: demo
                steps:
                  a: { type: python, file: steps/clean.py, files: ["lib/*"] }
                """, 3, 28, "file: 'steps/clean.py' of python step 'a' is not among the files its files: name, "
                + "which are all its working folder holds");
    }

    @Test
    void scriptOnAShellStepIsReported() {
        assertOneProblem("""
                id: demo
                steps:
                  a:
                    type: shell
                    run: "true"
                    script: print(1)
                """, 6, 5, "script: is only for python steps; step 'a' is shell");
    }

    @Test
    void relativeInterpreterThatIsNoFileOfTheFolderSaysAVenvIsLeftOut() {
        assertOneProblem(CODE, """
                id: demo
                python: .venv/bin/python
                steps:
                  a: { type: python, script: "pass" }
                """, 2, 9, "the flow's python '.venv/bin/python' is a path relative to the flow folder, and it is "
                + "not one of the flow's files: a step runs it from its working folder, which holds only the files of "
                + "the flow's revision (a .venv/ folder is left out, and a virtual environment's links lead out of the "
                + "folder); give an absolute path, a command on the PATH such as python3, or set REPRISE_PYTHON where "
                + "Reprise runs");
    }

    @Test
    void blankInterpreterOfAStepIsReported() {
        assertOneProblem("""
                id: demo
                steps:
                  a: { type: python, python: " ", script: "pass" }
                """, 3, 30, "python of step 'a' must name an interpreter, e.g. python3 or /usr/bin/python3");
    }

    @Test
    void missingRequiredInputIsReportedAtTheInputs() {
        assertOneProblem("""
                id: demo
                steps:
                  a:
                    type: csv.parse
                    inputs:
                      delimiter: ","
                """, 5, 5, "step 'a' (csv.parse) is missing the required input 'file'");
    }

    @Test
    void missingRequiredInputWithoutInputsIsReportedAtTheStep() {
        assertOneProblem("""
                id: demo
                steps:
                  a:
                    type: csv.parse
                """, 3, 3, "step 'a' (csv.parse) is missing the required input 'file'");
    }

    @Test
    void literalInputOfTheWrongTypeIsReportedAtTheValue() {
        assertOneProblem("""
                id: demo
                steps:
                  a:
                    type: dataset.generate
                    inputs:
                      month: "2024-03"
                      rows: lots
                """, 7, 13, "input 'rows' of step 'a' (dataset.generate) is a integer: expected an integer, "
                + "got 'lots'");
    }

    @Test
    void templatedInputIsNotCheckedAgainstItsType() {
        assertThat(validator.check("""
                id: demo
                inputs:
                  n: { type: integer, default: 3 }
                steps:
                  a:
                    type: dataset.generate
                    inputs: { month: "2024-03", rows: "{{ inputs.n }}" }
                """, FILE)).isEmpty();
    }

    @Test
    void unknownStepInNeedsIsReportedAtTheEntry() {
        assertOneProblem("""
                id: demo
                steps:
                  extract: { type: shell, run: "true" }
                  b:
                    type: shell
                    needs: [extract, extrct]
                    run: "true"
                """, 6, 22, "step 'b' needs 'extrct', which is not a step of this flow; did you mean 'extract'?");
    }

    @Test
    void unknownStepInReferenceIsReportedAtTheValue() {
        assertOneProblem("""
                id: demo
                steps:
                  a:
                    type: shell
                    inputs:
                      x: "{{ steps.nope.outputs.y }}"
                    run: "true"
                """, 6, 10, "input 'x' of step 'a' refers to step 'nope', which is not a step of this flow");
    }

    @Test
    void stepNeedingItselfIsReported() {
        assertOneProblem("""
                id: demo
                steps:
                  a:
                    type: shell
                    needs: [a]
                    run: "true"
                """, 5, 13, "step 'a' needs itself");
    }

    @Test
    void stepReferringToItsOwnOutputIsReported() {
        assertOneProblem("""
                id: demo
                steps:
                  a:
                    type: shell
                    inputs: { x: "{{ steps.a.outputs.y }}" }
                    run: "true"
                """, 5, 18, "input 'x' of step 'a' refers to its own step 'a'");
    }

    @Test
    void undeclaredFlowInputIsReportedWithTheCloseOne() {
        assertOneProblem("""
                id: demo
                inputs:
                  month: { default: "2024-03" }
                steps:
                  a:
                    type: shell
                    inputs: { m: "month {{ inputs.mnth }}" }
                    run: "true"
                """, 7, 18, "input 'm' of step 'a' uses inputs.mnth, which the flow does not declare; "
                + "did you mean 'month'?");
    }

    @Test
    void itemWithoutForeachIsReported() {
        assertOneProblem("""
                id: demo
                steps:
                  a:
                    type: shell
                    inputs: { station: "{{ item }}" }
                    run: "true"
                """, 5, 24, "input 'station' of step 'a' uses {{ item }}, which only a step with foreach has");
    }

    @Test
    void indexWithoutForeachIsReported() {
        assertOneProblem("""
                id: demo
                steps:
                  a:
                    type: shell
                    inputs: { position: "{{ index + 1 }}" }
                    run: "true"
                """, 5, 25, "input 'position' of step 'a' uses {{ index }}, which only a step with foreach has");
    }

    @Test
    void itemInsideAStepWithForeachIsFine() {
        assertThat(validator.check("""
                id: demo
                steps:
                  list:
                    type: shell
                    run: echo 'items=[1,2]' >> "$REPRISE_OUTPUTS"
                  each:
                    type: shell
                    foreach: "{{ steps.list.outputs.items }}"
                    inputs: { value: "{{ item }}", position: "{{ index }}" }
                    run: "true"
                """, FILE)).isEmpty();
    }

    @Test
    void loopVariableNamedItemIsNotTheForeachItem() {
        assertThat(validator.check("""
                id: demo
                steps:
                  a:
                    type: shell
                    inputs: { joined: "{% for item in ['x', 'y'] %}{{ item }}{% endfor %}" }
                    run: "true"
                """, FILE)).isEmpty();
    }

    @Test
    void foreachThatIsNotATemplateIsReported() {
        assertOneProblem("""
                id: demo
                steps:
                  a:
                    type: shell
                    foreach: a, b, c
                    run: "true"
                """, 5, 14, "foreach of step 'a' must be a template that gives a list, "
                + "e.g. \"{{ steps.split.outputs.parts }}\"");
    }

    @Test
    void cycleIsReportedWithItsPath() {
        assertOneProblem("""
                id: demo
                steps:
                  a: { type: shell, run: "true", needs: [c] }
                  b: { type: shell, run: "true", needs: [a] }
                  c: { type: shell, inputs: { x: "{{ steps.b.outputs.x }}" }, run: "true" }
                """, 3, 3, "steps form a cycle: a → b → c → a");
    }

    @Test
    void badTemplateSyntaxIsReportedWithPebblesReason() {
        assertOneProblem("""
                id: demo
                steps:
                  a:
                    type: shell
                    inputs:
                      x: "{% if true %}yes"
                    run: "true"
                """, 6, 10, "bad template in input 'x' of step 'a': Unexpected end of template. "
                + "Pebble was looking for the \"endif\" tag");
    }

    @Test
    void defaultOfTheWrongTypeIsReportedAtTheDefault() {
        assertOneProblem("""
                id: demo
                inputs:
                  n: { type: integer, default: many }
                steps:
                  a: { type: shell, run: "true" }
                """, 3, 32, "default of input 'n': expected an integer, got 'many'");
    }

    @Test
    void defaultOutsideItsConstraintsIsReportedAtTheDefault() {
        assertOneProblem("""
                id: demo
                inputs:
                  month:
                    pattern: "\\\\d{4}-\\\\d{2}"
                    default: March
                steps:
                  a: { type: shell, run: "true" }
                """, 5, 14, "default of input 'month': 'March' does not match the pattern \\d{4}-\\d{2}");
    }

    @Test
    void enumWithoutValuesIsReported() {
        assertOneProblem("""
                id: demo
                inputs:
                  size: { type: enum, default: small }
                steps:
                  a: { type: shell, run: "true" }
                """, 3, 17, "input 'size' is an enum and needs its values, e.g. values: [small, large]");
    }

    @Test
    void shellStepWithoutRunOrCommandIsReported() {
        assertOneProblem("""
                id: demo
                steps:
                  a:
                    type: shell
                """, 3, 3, "shell step 'a' needs run: (a shell line) or command: (an argument list)");
    }

    @Test
    void shellStepWithRunAndCommandIsReported() {
        assertOneProblem("""
                id: demo
                steps:
                  a:
                    type: shell
                    run: ls
                    command: [ls]
                """, 6, 5, "shell step 'a' has both run and command; keep one");
    }

    @Test
    void runOnANonShellStepIsReported() {
        assertOneProblem("""
                id: demo
                steps:
                  a:
                    type: dataset.generate
                    inputs: { month: "2024-03" }
                    run: echo hi
                """, 6, 5, "run: is only for shell steps; step 'a' is dataset.generate");
    }

    @Test
    void zeroTimeoutIsReportedAtTheTimeout() {
        assertOneProblem("""
                id: demo
                steps:
                  a:
                    type: shell
                    run: "true"
                    timeout: 0s
                """, 6, 14, "timeout of step 'a' must be more than zero, was PT0S");
    }

    @Test
    void flowOutputReferringToAnUnknownStepIsReported() {
        assertOneProblem("""
                id: demo
                steps:
                  count: { type: shell, run: echo n=1 >> "$REPRISE_OUTPUTS" }
                outputs:
                  total: "{{ steps.cuont.outputs.n }}"
                """, 5, 10, "output 'total' refers to step 'cuont', which is not a step of this flow; "
                + "did you mean 'count'?");
    }

    @Test
    void missingFlowIdIsReportedAtTheTop() {
        assertOneProblem("""
                steps:
                  a: { type: shell, run: "true" }
                """, 1, 1, "the flow needs an id, e.g. id: monthly_report");
    }

    @Test
    void badFlowIdIsReportedAtTheId() {
        assertOneProblem("""
                id: 2024 trips
                steps:
                  a: { type: shell, run: "true" }
                """, 1, 5, "flow id '2024 trips' must start with a letter and hold only letters, digits, "
                + "'_', '.' and '-'");
    }

    @Test
    void badStepIdIsReportedAtTheStep() {
        assertOneProblem("""
                id: demo
                steps:
                  load-data: { type: shell, run: "true" }
                """, 3, 3, "step id 'load-data' must start with a letter or '_' and hold only letters, digits and '_'");
    }

    @Test
    void everyProblemOfAFileIsReportedInFileOrder() {
        List<Problem> problems = validator.check("""
                id: demo
                inputs:
                  n: { type: integer, default: many }
                steps:
                  a:
                    type: shell
                    neds: [b]
                    run: "true"
                  b:
                    type: csv.parse
                    inputs: { file: "{{ steps.zz.outputs.f }}", sep: "," }
                    timeout: 0s
                """, FILE);

        assertThat(problems).extracting(p -> p.pos().line() + ":" + p.pos().column()).containsExactly(
                "3:32", "7:5", "11:21", "11:49", "12:14");
        assertThat(problems).extracting(Problem::message).allSatisfy(m -> assertThat(m).isNotBlank());
    }

    @Test
    void loadThrowsWithEveryProblem() {
        assertThatThrownBy(() -> validator.load("""
                id: demo
                steps:
                  a: { type: shel, run: "true" }
                  b: { type: shell, run: "true", needs: [c] }
                """, FILE))
                .isInstanceOfSatisfying(FlowException.class, e -> {
                    assertThat(e.problems()).hasSize(2);
                    assertThat(e.getMessage()).contains("flow.yaml:3:14: unknown step type 'shel'")
                            .endsWith("flow.yaml:4:42: step 'b' needs 'c', which is not a step of this flow")
                            .doesNotContain("did you mean 'a'");
                });
    }

    @Test
    void flowWithoutSourceMapIsReportedAtThePositionsItsRecordsHold() {
        Flow flow = new FlowParser().parse("""
                id: demo
                steps:
                  a:
                    type: csv.parse
                    inputs: { file: x.csv, delimter: ";" }
                """, FILE);

        assertThat(validator.validate(flow, FILE)).singleElement().satisfies(p -> {
            assertThat(p.pos()).isEqualTo(new SourcePos(FILE, 5, 38));
            assertThat(p.message()).startsWith("step 'a' (csv.parse) has no input 'delimter'");
        });
    }

    private void assertOneProblem(String yaml, int line, int column, String message) {
        assertOneProblem(flowId -> List.of(), yaml, line, column, message);
    }

    private void assertOneProblem(Function<String, List<FlowFile>> code, String yaml, int line, int column,
                                  String message) {
        assertThat(validator.check(yaml, FILE, code)).singleElement()
                .isEqualTo(new Problem(new SourcePos(FILE, line, column), message));
    }
}
