package dev.reprise.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Jetty's answer to requests it refuses before they reach a route (a malformed URI, headers too large):
 * the same JSON error body as every other error, never an HTML page or a stack trace. Stateless.
 */
final class JsonErrorHandler extends ErrorHandler {

    private final ObjectMapper mapper;

    JsonErrorHandler(ObjectMapper mapper) {
        this.mapper = mapper;
        setShowStacks(false);
        setShowServlet(false);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status, reason));
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
                                              HttpServletResponse response, int code, String message) throws IOException {
        baseRequest.setHandled(true);
        response.setContentType("application/json");
        response.getOutputStream().write(body(code, message));
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
