package dev.reprise.ui.flows;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.reprise.flow.FlowRevision;
import dev.reprise.run.ValuePath;
import dev.reprise.ui.form.FieldModel;
import dev.reprise.workspace.StartRequest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The Run… form of a flow revision, on the shared typed input form, no toolkit. */
class StartFormModelTest {

    private static StartFormModel bikeTrips() throws Exception {
        String source = Files.readString(Path.of("assets/examples/bike_trips/flow.yaml"));
        return new StartFormModel(new FlowRevision("bike_trips", 1, source, "0".repeat(64), Instant.EPOCH));
    }

    private static FieldModel field(StartFormModel form, String name) {
        return form.form().field(new ValuePath.Parameter(name).toString()).orElseThrow();
    }

    @Test
    void aFieldPerFlowInputStartsFromItsDefaultAndIsValid() throws Exception {
        StartFormModel form = bikeTrips();

        assertThat(form.form().fields()).extracting(f -> f.spec().name()).containsExactly("month", "sample_size");
        assertThat(field(form, "month").textProperty().get()).isEqualTo("2024-03");
        assertThat(field(form, "sample_size").textProperty().get()).isEqualTo("5000");
        assertThat(form.form().isValid()).isTrue();
    }

    @Test
    void aValueOutsideItsConstraintsSaysWhyAndMakesTheFormInvalid() throws Exception {
        StartFormModel form = bikeTrips();

        field(form, "sample_size").textProperty().set("0");
        assertThat(field(form, "sample_size").error()).contains("at least 1");
        assertThat(form.form().isValid()).isFalse();

        field(form, "month").textProperty().set("March");
        assertThat(field(form, "month").error()).contains("pattern");

        field(form, "sample_size").textProperty().set("300");
        field(form, "month").textProperty().set("2024-04");
        assertThat(form.form().isValid()).isTrue();
    }

    @Test
    void theRequestCarriesTheCheckedValuesTheRevisionAndTheName() throws Exception {
        StartFormModel form = bikeTrips();
        field(form, "sample_size").textProperty().set("300");
        form.nameProperty().set("small");

        StartRequest request = form.request();

        assertThat(request.flowId()).isEqualTo("bike_trips");
        assertThat(request.revision()).isEqualTo(1);
        assertThat(request.parameters()).containsEntry("sample_size", IntNode.valueOf(300))
                .containsEntry("month", TextNode.valueOf("2024-03"));
        assertThat(request.name()).isEqualTo("small");
    }
}
