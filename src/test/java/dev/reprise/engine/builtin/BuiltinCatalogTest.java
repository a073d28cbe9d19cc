package dev.reprise.engine.builtin;

import dev.reprise.engine.spi.StepHandler;
import dev.reprise.engine.spi.StepInput;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class BuiltinCatalogTest {

    static List<StepHandler<?>> handlers() {
        return ServiceLoader.load(StepHandler.class).stream()
                .map(provider -> (StepHandler<?>) provider.get())
                .collect(Collectors.toList());
    }

    @Test
    void everyBuiltinIsFoundByServiceLoaderUnderAUniqueType() {
        List<String> types = handlers().stream().map(StepHandler::type).toList();

        assertThat(types).doesNotHaveDuplicates().containsExactlyInAnyOrder(
                "dataset.generate", "csv.parse", "csv.aggregate", "json.transform", "file.write", "http.request",
                "list.range", "math.sum", "ml.dataset", "ml.split", "ml.train", "ml.evaluate", "ml.select_best", "noop");
    }

    @Test
    void everyInputTypeIsARecordWhoseComponentsAreDescribed() {
        for (StepHandler<?> handler : handlers()) {
            assertThat(handler.inputType().isRecord()).as(handler.type() + " input type is a record").isTrue();
            assertThat(handler.description()).as(handler.type() + " description").isNotBlank();
            for (RecordComponent component : handler.inputType().getRecordComponents()) {
                StepInput input = component.getAnnotation(StepInput.class);
                assertThat(input).as(handler.type() + "." + component.getName() + " has @StepInput").isNotNull();
                assertThat(input.description()).as(handler.type() + "." + component.getName()).isNotBlank();
                assertThat(component.getName()).as("flow-file spelling").matches("[a-z][a-z0-9_]*");
            }
        }
    }

    @Test
    void typesLookLikeDottedLowerCaseNames() {
        assertThat(handlers().stream().collect(Collectors.toMap(StepHandler::type, Function.identity())).keySet())
                .allMatch(type -> type.matches("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*"));
    }
}
