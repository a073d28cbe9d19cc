package dev.reprise.engine.builtin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprise.engine.spi.StepContext;
import dev.reprise.engine.spi.StepHandler;
import dev.reprise.engine.spi.StepInput;
import dev.reprise.flow.InputType;

import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code http.request}: one HTTP request with the JDK {@link HttpClient}. Answers the status, the body as
 * text, the headers (lower-case names, repeated values joined with {@code ", "}) and, for a JSON answer,
 * the parsed {@code json}. A 4xx or 5xx answer fails the step (so {@code retry} can try again) unless
 * {@code fail_on_error} is false. Each request uses its own client, closed afterwards. Thread-safe.
 */
public final class HttpRequestHandler implements StepHandler<HttpRequestHandler.Inputs> {

    /** The inputs of {@code http.request}. */
    public record Inputs(
            @StepInput(required = true, description = "The URL to call, http or https")
            String url,
            @StepInput(description = "GET (default), POST, PUT, PATCH, DELETE or HEAD")
            String method,
            @StepInput(description = "Request headers, name -> value")
            Map<String, String> headers,
            @StepInput(description = "Request body text, for POST, PUT and PATCH")
            String body,
            @StepInput(description = "How long to wait for the answer, e.g. 30s or PT1M (default 30s)")
            String timeout,
            @StepInput(description = "Fail the step on a 4xx or 5xx status (default true)")
            Boolean fail_on_error) {

        public Inputs {
            headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");
    private static final long POLL_MILLIS = 100;

    @Override
    public String type() {
        return "http.request";
    }

    @Override
    public Class<Inputs> inputType() {
        return Inputs.class;
    }

    @Override
    public String description() {
        return "Sends an HTTP request and answers status, body and headers";
    }

    @Override
    public Map<String, Object> run(Inputs inputs, StepContext context) throws Exception {
        URI uri = uri(inputs.url());
        String method = inputs.method() == null ? "GET" : inputs.method().trim().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("method '" + inputs.method() + "' is not one of " + String.join(", ", METHODS));
        }
        Duration timeout = inputs.timeout() == null ? Duration.ofSeconds(30) : InputType.parseDuration(inputs.timeout());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, inputs.body() == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(inputs.body()));
        try {
            inputs.headers().forEach(request::header);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("headers: " + e.getMessage(), e);
        }

        context.log().printf("%s %s%n", method, uri);
        long started = System.nanoTime();
        HttpResponse<String> response;
        try (HttpClient client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build()) {
            try {
                response = await(client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()), context,
                        method + " " + uri, timeout);
            } catch (CancellationException e) {
                client.shutdownNow(); // close() would wait for the abandoned exchange
                throw e;
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        String body = response.body() == null ? "" : response.body();
        context.log().printf("%s %s answered %d in %d ms, %d characters%n", method, uri, response.statusCode(), millis,
                body.length());

        int status = response.statusCode();
        boolean failOnError = inputs.fail_on_error() == null || inputs.fail_on_error();
        if (failOnError && status >= 400) {
            throw new IllegalStateException(method + " " + uri + " answered " + status
                    + (body.isBlank() ? "" : ": " + abbreviate(body.strip(), 300)));
        }
        Map<String, String> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                headers.merge(name.toLowerCase(Locale.ROOT), String.join(", ", values), (a, b) -> a + ", " + b);
            }
        });
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("status", status);
        outputs.put("body", body);
        outputs.put("headers", headers);
        String contentType = headers.getOrDefault("content-type", "");
        if (contentType.contains("json") && !body.isBlank()) {
            try {
                JsonNode json = MAPPER.readTree(body);
                outputs.put("json", json);
            } catch (JsonProcessingException e) {
                context.log().printf("the answer says %s but is not JSON (%s); no json output%n", contentType,
                        e.getOriginalMessage());
            }
        }
        return outputs;
    }

    private static URI uri(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("url is required, e.g. https://example.org/data.json");
        }
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException("url '" + url + "' is not an http or https URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url '" + url + "' is not a valid URL: " + e.getMessage(), e);
        }
    }

    /** Waits for the answer, giving up when the step is cancelled; unwraps the client's failure. */
    private static <T> T await(CompletableFuture<T> pending, StepContext context, String what, Duration timeout)
            throws Exception {
        try {
            while (true) {
                if (context.isCancelled()) {
                    pending.cancel(true);
                    throw new CancellationException(what + ": cancelled");
                }
                try {
                    return pending.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // not answered yet: look at the cancel flag again
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw new IllegalStateException(what + ": no answer within " + timeout.toString().substring(2).toLowerCase(Locale.ROOT), cause);
            }
            if (cause instanceof ConnectException) {
                throw new IllegalStateException(what + ": cannot connect (" + cause + ")", cause);
            }
            throw new IllegalStateException(what + ": " + cause, cause);
        }
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }
}
