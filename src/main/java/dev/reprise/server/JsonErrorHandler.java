package dev.reprise.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Jetty's answer to requests it refuses before they reach a route (a malformed URI, headers too large):
 * the same JSON error body as every other error, whatever the request accepts or its method, never an HTML
 * page or a stack trace. Stateless.
 */
final class JsonErrorHandler extends ErrorHandler {

    private final ObjectMapper mapper;

    JsonErrorHandler(ObjectMapper mapper) {
        this.mapper = mapper;
        setShowStacks(false);
        setShowCauses(false);
        setShowOrigin(false);
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        // Jetty's message for a failure other than its own refusals is the exception's toString(): not for clients
        String reason = cause != null && !(cause instanceof HttpException) && message.equals(cause.toString())
                ? HttpStatus.getMessage(code) : message;
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body(code, reason)), callback);
    }

    private byte[] body(int status, String reason) {
        String text = reason == null || reason.isBlank() ? "the server refused this request (" + status + ")"
                : "the server refused this request: " + reason;
        try {
            return mapper.writeValueAsBytes(ApiError.of(text));
        } catch (JsonProcessingException e) {
            return ("{\"error\":\"the server refused this request (" + status + ")\",\"problems\":[]}")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }
}
