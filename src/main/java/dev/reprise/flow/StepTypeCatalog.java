package dev.reprise.flow;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The step types a flow may use; the engine provides one built from its executors. */
public interface StepTypeCatalog {

    Optional<StepTypeInfo> find(String type);

    Collection<StepTypeInfo> all();

    /** An immutable catalog of {@code types}. */
    static StepTypeCatalog of(Collection<StepTypeInfo> types) {
        Map<String, StepTypeInfo> byType = new LinkedHashMap<>();
        types.forEach(t -> byType.put(t.type(), t));
        Map<String, StepTypeInfo> frozen = Map.copyOf(byType);
        List<StepTypeInfo> ordered = List.copyOf(byType.values());
        return new StepTypeCatalog() {
            @Override
            public Optional<StepTypeInfo> find(String type) {
                return Optional.ofNullable(frozen.get(type));
            }

            @Override
            public Collection<StepTypeInfo> all() {
                return ordered;
            }
        };
    }
}
