package dev.reprise.ui.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.reprise.flow.InputSpec;
import dev.reprise.flow.InputType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The typed input form's model, without the toolkit. */
class InputFormModelTest {

    private static final InputSpec MONTH = new InputSpec("month", InputType.STRING, TextNode.valueOf("2024-03"),
            "The month", null, null, "\\d{4}-\\d{2}", List.of(), null);
    private static final InputSpec SAMPLE = new InputSpec("sample_size", InputType.INTEGER, IntNode.valueOf(5000),
            null, BigDecimal.ONE, BigDecimal.valueOf(100_000), null, List.of(), null);
    private static final InputSpec MODE = new InputSpec("mode", InputType.ENUM, TextNode.valueOf("fast"), null,
            null, null, null, List.of("fast", "exact"), null);
    private static final InputSpec RATES = new InputSpec("rates", InputType.JSON, null, null, null, null, null,
            List.of(), null);

    private static JsonNode rates() {
        return JsonNodeFactory.instance.arrayNode().add(0.001).add(0.01);
    }

    private static InputFormModel form() {
        return new InputFormModel(List.of(
                FieldSpec.ofInput("parameters.month", MONTH, TextNode.valueOf("2024-05")),
                FieldSpec.ofInput("parameters.sample_size", SAMPLE, IntNode.valueOf(200)),
                FieldSpec.ofInput("parameters.mode", MODE, null),
                FieldSpec.ofInput("parameters.rates", RATES, rates()),
                FieldSpec.untyped("steps.report.inputs.counts", "counts", JsonNodeFactory.instance.arrayNode().add(3))));
    }

    @Test
    void fieldsStartFromTheOriginalValuesAndAreNeitherEditedNorInvalid() {
        InputFormModel form = form();

        assertThat(form.fields()).extracting(f -> f.textProperty().get())
                .containsExactly("2024-05", "200", "fast", "[ 0.001, 0.01 ]", "[3]");
        assertThat(form.isValid()).isTrue();
        assertThat(form.editedCountProperty().get()).isZero();
        assertThat(form.editedValues()).isEmpty();
        assertThat(form.values()).containsEntry("month", TextNode.valueOf("2024-05"))
                .containsEntry("sample_size", IntNode.valueOf(200)).containsEntry("rates", rates())
                .containsEntry("mode", TextNode.valueOf("fast"));
    }

    @Test
    void anEditedFieldIsMarkedAndItsValueIsTheOnlyOneReturnedAsEdited() {
        InputFormModel form = form();
        FieldModel size = form.field("parameters.sample_size").orElseThrow();

        size.textProperty().set("300");

        assertThat(size.isEdited()).isTrue();
        assertThat(form.editedCountProperty().get()).isEqualTo(1);
        assertThat(form.editedValues()).isEqualTo(Map.of("sample_size", IntNode.valueOf(300)));
    }

    @Test
    void typingTheSameValueDifferentlyIsNotAnEdit() {
        InputFormModel form = form();
        FieldModel rates = form.field("parameters.rates").orElseThrow();

        rates.textProperty().set("[0.001,0.01]");

        assertThat(rates.isEdited()).isFalse();
        assertThat(form.editedValues()).isEmpty();
    }

    @Test
    void aValueOutsideTheBoundsIsInvalidAndSaysWhy() {
        InputFormModel form = form();
        FieldModel size = form.field("parameters.sample_size").orElseThrow();

        size.textProperty().set("0");

        assertThat(form.isValid()).isFalse();
        assertThat(size.error()).isEqualTo("must be at least 1, was 0");
        assertThat(form.editedValues()).isEmpty();

        size.textProperty().set("abc");
        assertThat(size.error()).isEqualTo("expected an integer, got 'abc'");
    }

    @Test
    void aPatternAndJsonSyntaxAreChecked() {
        InputFormModel form = form();

        form.field("parameters.month").orElseThrow().textProperty().set("March");
        form.field("parameters.rates").orElseThrow().textProperty().set("[0.1,");

        assertThat(form.field("parameters.month").orElseThrow().error()).contains("does not match the pattern");
        assertThat(form.field("parameters.rates").orElseThrow().error()).startsWith("not valid JSON at line 1");
        assertThat(form.isValid()).isFalse();
    }

    @Test
    void anUntypedInputTakesTextOrJson() {
        InputFormModel form = form();
        FieldModel counts = form.field("steps.report.inputs.counts").orElseThrow();

        counts.textProperty().set("[3, 4]");
        assertThat(counts.valueProperty().get()).isEqualTo(JsonNodeFactory.instance.arrayNode().add(3).add(4));
        counts.textProperty().set("plain words");
        assertThat(counts.valueProperty().get()).isEqualTo(TextNode.valueOf("plain words"));
        assertThat(counts.error()).isNull();
    }

    @Test
    void anUntypedTextThatLooksLikeJsonANumberOrABooleanIsNoEditAndStaysText() {
        List<JsonNode> originals = List.of(TextNode.valueOf("[1,2]"), TextNode.valueOf("{\"a\": 1}"),
                TextNode.valueOf("42"), TextNode.valueOf("007"), TextNode.valueOf("true"), TextNode.valueOf("null"),
                TextNode.valueOf("2024-03-01T00:43:58"), TextNode.valueOf(" padded "), TextNode.valueOf(""),
                IntNode.valueOf(42), JsonNodeFactory.instance.arrayNode().add(1).add(2));
        for (JsonNode original : originals) {
            FieldModel field = new InputFormModel(List.of(FieldSpec.untyped("steps.s.inputs.x", "x", original)))
                    .field("steps.s.inputs.x").orElseThrow();
            assertThat(field.isEdited()).as("%s opened", original).isFalse();
            assertThat(field.valueProperty().get()).as("%s opened", original).isEqualTo(original);
        }
        FieldModel listAsText = new InputFormModel(List.of(FieldSpec.untyped("steps.s.inputs.x", "x",
                TextNode.valueOf("[1,2]")))).field("steps.s.inputs.x").orElseThrow();
        listAsText.textProperty().set("[1,2,3]");
        assertThat(listAsText.valueProperty().get()).isEqualTo(TextNode.valueOf("[1,2,3]"));
        listAsText.reset();
        assertThat(listAsText.isEdited()).isFalse();
        assertThat(listAsText.valueProperty().get()).isEqualTo(TextNode.valueOf("[1,2]"));
    }

    @Test
    void resetBringsBackTheOriginalForOneFieldOrAll() {
        InputFormModel form = form();
        form.field("parameters.month").orElseThrow().textProperty().set("2024-06");
        form.field("parameters.sample_size").orElseThrow().textProperty().set("0");

        form.field("parameters.month").orElseThrow().reset();
        assertThat(form.field("parameters.month").orElseThrow().isEdited()).isFalse();
        assertThat(form.isValid()).isFalse();

        form.resetAll();
        assertThat(form.isValid()).isTrue();
        assertThat(form.fields()).noneMatch(FieldModel::isEdited);
        assertThat(form.field("parameters.sample_size").orElseThrow().textProperty().get()).isEqualTo("200");
    }

    @Test
    void errorsFromElsewhereLandOnTheFieldTheyNameUntilTheNextEdit() {
        InputFormModel form = form();

        Map<String, String> unplaced = form.setExternalErrors(Map.of(
                "parameters.month", "no data for this month", "revision", "no revision 9"));

        FieldModel month = form.field("parameters.month").orElseThrow();
        assertThat(unplaced).containsOnlyKeys("revision");
        assertThat(month.error()).isEqualTo("no data for this month");
        assertThat(form.isValid()).isFalse();
        assertThat(form.isLocallyValid()).isTrue();

        month.textProperty().set("2024-07");
        assertThat(month.error()).isNull();
        assertThat(form.isValid()).isTrue();
    }

    @Test
    void newFieldsKeepWhatWasTypedInFieldsOfTheSameKey() {
        InputFormModel form = form();
        form.field("parameters.month").orElseThrow().textProperty().set("2024-09");

        form.setFields(List.of(FieldSpec.ofInput("parameters.month", MONTH, TextNode.valueOf("2024-05"))));

        assertThat(form.fields()).hasSize(1);
        assertThat(form.field("parameters.month").orElseThrow().textProperty().get()).isEqualTo("2024-09");
        assertThat(form.editedValues()).isEqualTo(Map.of("month", TextNode.valueOf("2024-09")));
    }

    @Test
    void aRequiredInputWithoutValueIsInvalidUntilFilled() {
        InputSpec gate = new InputSpec("gate", InputType.STRING, null, null, null, null, null, List.of(), null);
        InputFormModel form = new InputFormModel(List.of(FieldSpec.ofInput("gate", gate, null)));

        assertThat(form.isValid()).isFalse();
        assertThat(form.field("gate").orElseThrow().error()).isEqualTo("a value is required");

        form.field("gate").orElseThrow().textProperty().set("/tmp/x");
        assertThat(form.isValid()).isTrue();
        assertThat(form.values()).isEqualTo(Map.of("gate", TextNode.valueOf("/tmp/x")));
    }
}
