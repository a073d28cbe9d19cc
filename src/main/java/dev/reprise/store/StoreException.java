package dev.reprise.store;

/** A store operation failed for a reason the caller could not have prevented (I/O, database). */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
