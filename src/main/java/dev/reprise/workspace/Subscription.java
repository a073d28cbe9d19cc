package dev.reprise.workspace;

/** A live event subscription; closing it stops delivery. Closing twice is harmless. */
public interface Subscription extends AutoCloseable {

    @Override
    void close();
}
