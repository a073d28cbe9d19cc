package dev.reprise.server;

/**
 * A request the server refuses before it reaches the workspace (bad path parameter, malformed body, body
 * too large, missing token), with the HTTP status that fits.
 */
final class ApiException extends RuntimeException {

    private final int status;

    ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    int status() {
        return status;
    }
}
