package dev.reprise.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprise.run.Json;
import dev.reprise.workspace.InvalidInputException;
import dev.reprise.workspace.NotFoundException;
import dev.reprise.workspace.Subscription;
import dev.reprise.workspace.Workspace;
import dev.reprise.workspace.WorkspaceBusyException;
import dev.reprise.workspace.WorkspaceException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The headless server: serves one {@link Workspace} over HTTP under {@code /api/v1} (the operations of
 * {@link ApiRoutes}; their OpenAPI document, and a page of it at {@code /api/docs}, need no token), with bearer-token
 * authentication ({@link Tokens}: a {@link TokenStore}, or a {@link SessionToken}), a size limit on request
 * bodies, and a JSON error with a fitting 4xx status for every bad request. Javalin on Jetty, one virtual
 * thread per request, so event streams that wait cost little. The caller owns the workspace; the server
 * owns its threads and stops them in {@link #close}. Thread-safe.
 */
public final class WorkspaceServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkspaceServer.class);

    /**
     * Where and how to serve. {@code port} 0 picks a free port; {@code maxBodyBytes} bounds a JSON body,
     * {@code maxUploadBytes} an uploaded artifact; a request whose body stops arriving for {@code readTimeout}
     * is answered 408 (and a client that stops reading an answer for that long is dropped); {@code answers} hears
     * every JSON answer.
     */
    public record Config(String bind, int port, long maxBodyBytes, long maxUploadBytes, Duration heartbeat,
                         int journalCapacity, int streamBacklog, String version, Duration readTimeout,
                         AnswerLog answers) {
        public static Config defaults() {
            return new Config("127.0.0.1", 8080, 1024 * 1024, 1L << 30, Duration.ofSeconds(10), 65_536, 200_000,
                    "dev", Duration.ofSeconds(5), AnswerLog.NONE);
        }

        public Config withAddress(String newBind, int newPort) {
            return new Config(newBind, newPort, maxBodyBytes, maxUploadBytes, heartbeat, journalCapacity,
                    streamBacklog, version, readTimeout, answers);
        }

        public Config withVersion(String newVersion) {
            return new Config(bind, port, maxBodyBytes, maxUploadBytes, heartbeat, journalCapacity, streamBacklog,
                    newVersion, readTimeout, answers);
        }

        public Config withMaxUploadBytes(long newMaxUploadBytes) {
            return new Config(bind, port, maxBodyBytes, newMaxUploadBytes, heartbeat, journalCapacity, streamBacklog,
                    version, readTimeout, answers);
        }

        public Config withAnswers(AnswerLog newAnswers) {
            return new Config(bind, port, maxBodyBytes, maxUploadBytes, heartbeat, journalCapacity, streamBacklog,
                    version, readTimeout, newAnswers);
        }
    }

    private final Javalin app;
    private final RouteTable table;
    private final EventStreams streams;
    private final Subscription journalFeed;
    private final List<String> registered = new ArrayList<>();
    private final ObjectMapper mapper = Json.newInputMapper();
    private final PathScrubber scrubber;
    private final JsonNode openApi;
    private final AnswerLog answers;

    private WorkspaceServer(Workspace workspace, Tokens tokens, Config config) {
        this.scrubber = new PathScrubber(workspace.location());
        this.answers = config.answers();
        EventJournal journal = new EventJournal(config.journalCapacity());
        this.journalFeed = workspace.subscribeAll(journal);
        this.streams = new EventStreams(workspace, journal, mapper, config.heartbeat(), config.streamBacklog(),
                config.answers());
        this.table = ApiRoutes.table(workspace, streams, mapper, config.version(), config.maxUploadBytes(),
                this::openApi);
        Set<String> openPaths = table.operations().stream().filter(RouteTable.Operation::open)
                .map(o -> table.prefix() + o.path()).collect(Collectors.toSet());
        this.openApi = OpenApiDocument.render(table, mapper, config.version());
        ApiDocsPage docs = new ApiDocsPage(table.prefix() + "/openapi.json");

        this.app = Javalin.create(javalin -> {
            javalin.useVirtualThreads = true;
            javalin.showJavalinBanner = false;
            javalin.startupWatcherEnabled = false;
            javalin.http.maxRequestSize = config.maxBodyBytes();
            javalin.http.disableCompression();
            javalin.http.generateEtags = false;
            javalin.jsonMapper(new JavalinJackson(mapper, true));
            javalin.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler(mapper)));
            // while a request is handled, a blocked read (or write) fails after this long: a body shorter than
            // its Content-Length gets a 408 instead of holding a thread and a connection for the connector's 30 s
            javalin.jetty.modifyHttpConfiguration(http -> http.setIdleTimeout(config.readTimeout().toMillis()));
            javalin.events(events -> events.handlerAdded(meta ->
                    registered.add(meta.getHttpMethod().name() + " " + meta.getPath())));
        });

        app.before(ctx -> {
            if (!openPaths.contains(ctx.path()) && !ApiDocsPage.serves(ctx.path())) {
                authenticate(ctx, tokens);
            }
        });
        for (RouteTable.Operation operation : table.operations()) {
            register(operation, config.maxBodyBytes());
        }
        app.get(ApiDocsPage.PATH, docs::page);
        app.get(ApiDocsPage.PATH + "/{asset}", docs::asset);

        app.exception(ApiException.class, (e, ctx) -> {
            if (e.status() == 401) {
                ctx.header("WWW-Authenticate", "Bearer realm=\"reprise\"");
            }
            error(ctx, e.status(), ApiError.of(e.getMessage()));
        });
        app.exception(InvalidInputException.class, (e, ctx) -> error(ctx, 400, new ApiError(e.getMessage(), e.problems())));
        app.exception(NotFoundException.class, (e, ctx) -> error(ctx, 404, ApiError.of(e.getMessage())));
        app.exception(WorkspaceBusyException.class, (e, ctx) -> error(ctx, 409, ApiError.of(e.getMessage())));
        app.exception(WorkspaceException.class, (e, ctx) -> error(ctx, 400, ApiError.of(e.getMessage())));
        app.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, ApiError.of(e.getMessage())));
        app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), ApiError.of(
                e.getStatus() == 404 ? "no such endpoint: " + ctx.method() + " " + Request.printable(ctx.path())
                        : e.getMessage().toLowerCase(Locale.ROOT))));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, ApiError.of("the server failed to answer this request; its log has the details"));
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                error(ctx, 404, ApiError.of("no such endpoint: " + ctx.method() + " " + Request.printable(ctx.path())));
            }
        });
        app.error(405, ctx -> error(ctx, 405, ApiError.of("method " + ctx.method() + " is not allowed here")));
    }

    /** Starts serving {@code workspace}; the caller keeps ownership of the workspace and closes it after the server. */
    public static WorkspaceServer start(Workspace workspace, Tokens tokens, Config config) {
        WorkspaceServer server = new WorkspaceServer(workspace, tokens, config);
        try {
            server.app.start(config.bind(), config.port());
        } catch (RuntimeException e) {
            server.journalFeed.close();
            throw new WorkspaceException("cannot serve on " + config.bind() + ":" + config.port() + ": "
                    + rootMessage(e), e);
        }
        LOG.info("serving {} on {}", workspace.location(), server.url());
        return server;
    }

    public int port() {
        return app.port();
    }

    /** The API's base, e.g. {@code http://127.0.0.1:8080/api/v1}. */
    public String url() {
        String host = app.jettyServer().server().getURI().getHost();
        return "http://" + (host == null ? "127.0.0.1" : host) + ":" + port() + table.prefix();
    }

    /** How many clients follow a run now (a run's stream ends once its end was sent). */
    public int runFollowers() {
        return streams.runFollowers();
    }

    /** The operations served, as in the OpenAPI document. */
    public RouteTable routes() {
        return table;
    }

    /** {@code METHOD path} of every handler registered with Javalin, as Javalin reported them. */
    public List<String> registeredHandlers() {
        return List.copyOf(registered);
    }

    private JsonNode openApi() {
        return openApi;
    }

    private void register(RouteTable.Operation operation, long maxBodyBytes) {
        String path = table.prefix() + operation.path();
        io.javalin.http.Handler handler = switch (operation.kind()) {
            case JSON -> ctx -> {
                Object result = operation.json().answer(new Request(ctx, mapper, maxBodyBytes,
                        operation.path()));
                if (operation.response() == null) {
                    ctx.status(204);
                } else {
                    if (ctx.status().getCode() == 200 && operation.status() != 200) {
                        ctx.status(operation.status());
                    }
                    // written whole: Javalin's streaming JSON pipes through a second thread, which costs more here
                    byte[] json = mapper.writeValueAsBytes(result);
                    answers.answered(operation.method(), operation.path(), ctx.status().getCode(), json);
                    ctx.contentType("application/json").result(json);
                }
            };
            case EVENTS, BYTES, UPLOAD -> ctx -> operation.raw().answer(new Request(ctx, mapper, maxBodyBytes,
                    operation.path()));
        };
        switch (operation.method()) {
            case "GET" -> app.get(path, handler);
            case "POST" -> app.post(path, handler);
            case "PUT" -> app.put(path, handler);
            case "DELETE" -> app.delete(path, handler);
            default -> throw new IllegalStateException("unsupported method " + operation.method());
        }
    }

    private static void authenticate(Context ctx, Tokens tokens) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw new ApiException(401, "this server needs a token: send the header Authorization: Bearer <token>");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiException(401, "the Authorization header must be 'Bearer <token>'");
        }
        TokenStore.Stored token = tokens.verify(header.substring(7).trim()).orElseThrow(() ->
                new ApiException(401, "the token is not valid (unknown, mistyped or revoked)"));
        if (token.readOnly() && !ctx.method().name().equals("GET") && !ctx.method().name().equals("HEAD")) {
            throw new ApiException(403, "token '" + token.name() + "' may only read; " + ctx.method() + " "
                    + Request.printable(ctx.path()) + " changes the workspace");
        }
    }

    /** Every error answer goes through here, so none names a file of the server by its absolute path. */
    private void error(Context ctx, int status, ApiError body) {
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(scrubber.scrub(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        answers.answered(ctx.method().name(), null, status, json);
        ctx.status(status).contentType("application/json").result(json);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    @Override
    public void close() {
        streams.closeAll();
        journalFeed.close();
        app.stop();
    }
}
