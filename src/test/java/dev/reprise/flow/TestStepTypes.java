package dev.reprise.flow;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A small step-type catalog for tests, as the engine would build one from its executors. */
record TestStepTypes(List<StepTypeInfo> types) implements StepTypeCatalog {

    static TestStepTypes standard() {
        return new TestStepTypes(List.of(
                new StepTypeInfo("dataset.generate",
                        Map.of("month", InputType.STRING, "rows", InputType.INTEGER),
                        Set.of("month"), false, "Generates a month of bike trips"),
                new StepTypeInfo("csv.parse",
                        Map.of("file", InputType.FILE, "datetime_format", InputType.STRING,
                                "delimiter", InputType.STRING),
                        Set.of("file"), false, "Parses a CSV file")));
    }

    @Override
    public Optional<StepTypeInfo> find(String type) {
        return types.stream().filter(t -> t.type().equals(type)).findFirst();
    }

    @Override
    public Collection<StepTypeInfo> all() {
        return types;
    }
}
