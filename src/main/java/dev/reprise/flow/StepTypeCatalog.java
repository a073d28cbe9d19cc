package dev.reprise.flow;

import java.util.Collection;
import java.util.Optional;

/** The step types a flow may use; the engine provides one built from its executors. */
public interface StepTypeCatalog {

    Optional<StepTypeInfo> find(String type);

    Collection<StepTypeInfo> all();
}
