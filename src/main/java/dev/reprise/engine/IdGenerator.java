package dev.reprise.engine;

/** Makes run ids. Injected so that tests can make them predictable. Implementations are thread-safe. */
@FunctionalInterface
public interface IdGenerator {

    String newRunId();
}
