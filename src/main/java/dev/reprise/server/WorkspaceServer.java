package dev.reprise.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprise.run.Json;
import dev.reprise.run.RunPage;
import dev.reprise.run.RunQuery;
import dev.reprise.run.RunState;
import dev.reprise.workspace.AppVersion;
import dev.reprise.workspace.InvalidInputException;
import dev.reprise.workspace.NotFoundException;
import dev.reprise.workspace.Subscription;
import dev.reprise.workspace.Workspace;
import dev.reprise.workspace.WorkspaceBusyException;
import dev.reprise.workspace.WorkspaceException;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The headless server: serves one {@link Workspace} over HTTP under {@code /api/v1} (the operations of
 * {@link ApiRoutes}; their OpenAPI document, and a page of it at {@code /api/docs}, need no token), its metrics at
 * {@code /metrics} for Prometheus ({@link ServerMetrics}; any token may read them), with bearer-token
 * authentication ({@link Tokens}: a {@link TokenStore}, or a {@link SessionToken}), a size limit on request
 * bodies, and a JSON error with a fitting 4xx status for every bad request. Javalin on Jetty, one virtual
 * thread per request, so event streams that wait cost little. The caller owns the workspace; the server
 * owns its threads and stops them in {@link #close}. Thread-safe.
 */
public final class WorkspaceServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkspaceServer.class);
    private static final String STARTED = "reprise.started";
    /** At most this many runs that have not ended are read at start (pages of {@link RunQuery#MAX_LIMIT}). */
    private static final int SEEDED_RUNS = 20 * RunQuery.MAX_LIMIT;

    /**
     * Where and how to serve. {@code port} 0 picks a free port; {@code maxBodyBytes} bounds a JSON body,
     * {@code maxUploadBytes} an uploaded artifact; a request whose body stops arriving for {@code readTimeout}
     * is answered 408 (and a client that stops reading an answer for that long is dropped); {@code answers} hears
     * every JSON answer; with {@code tls} the server speaks HTTPS only.
     */
    public record Config(String bind, int port, long maxBodyBytes, long maxUploadBytes, Duration heartbeat,
                         int journalCapacity, int streamBacklog, String version, Duration readTimeout,
                         AnswerLog answers, @Nullable ServerTls tls) {
        public static Config defaults() {
            return new Config("127.0.0.1", 8080, 1024 * 1024, 1L << 30, Duration.ofSeconds(10), 65_536, 200_000,
                    AppVersion.current(), Duration.ofSeconds(5), AnswerLog.NONE, null);
        }

        public Config withAddress(String newBind, int newPort) {
            return new Config(newBind, newPort, maxBodyBytes, maxUploadBytes, heartbeat, journalCapacity,
                    streamBacklog, version, readTimeout, answers, tls);
        }

        public Config withVersion(String newVersion) {
            return new Config(bind, port, maxBodyBytes, maxUploadBytes, heartbeat, journalCapacity, streamBacklog,
                    newVersion, readTimeout, answers, tls);
        }

        public Config withMaxUploadBytes(long newMaxUploadBytes) {
            return new Config(bind, port, maxBodyBytes, newMaxUploadBytes, heartbeat, journalCapacity, streamBacklog,
                    version, readTimeout, answers, tls);
        }

        public Config withAnswers(AnswerLog newAnswers) {
            return new Config(bind, port, maxBodyBytes, maxUploadBytes, heartbeat, journalCapacity, streamBacklog,
                    version, readTimeout, newAnswers, tls);
        }

        /** Serves HTTPS with {@code newTls} instead of plain HTTP; null for plain HTTP. */
        public Config withTls(@Nullable ServerTls newTls) {
            return new Config(bind, port, maxBodyBytes, maxUploadBytes, heartbeat, journalCapacity, streamBacklog,
                    version, readTimeout, answers, newTls);
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
    private final ServerMetrics metrics;
    private final boolean tls;

    private WorkspaceServer(Workspace workspace, Tokens tokens, Config config) {
        this.scrubber = new PathScrubber(workspace.location());
        this.answers = config.answers();
        this.tls = config.tls() != null;
        EventJournal journal = new EventJournal(config.journalCapacity());
        RunCounts runCounts = new RunCounts();
        // one subscription feeds both: subscribed before the runs that have not ended are read, so that no change
        // falls between the read and the first event
        this.journalFeed = workspace.subscribeAll(event -> {
            journal.accept(event);
            runCounts.accept(event);
        });
        this.streams = new EventStreams(workspace, journal, mapper, config.heartbeat(), config.streamBacklog(),
                config.answers());
        this.metrics = new ServerMetrics(runCounts, streams::clients);
        try {
            seedRunCounts(workspace, runCounts);
            this.table = ApiRoutes.table(workspace, streams, mapper, config.version(), config.maxUploadBytes(),
                    this::openApi, metrics);
        } catch (RuntimeException e) {
            journalFeed.close();
            throw e;
        }
        Set<String> openPaths = table.operations().stream().filter(RouteTable.Operation::open)
                .map(table::fullPath).collect(Collectors.toSet());
        this.openApi = OpenApiDocument.render(table, mapper, config.version());
        ApiDocsPage docs = new ApiDocsPage(table.prefix() + "/openapi.json");
        List<String> paths = new ArrayList<>(table.operations().stream().map(table::fullPath).toList());
        paths.add(ApiDocsPage.PATH);
        paths.add(ApiDocsPage.PATH + "/{asset}");
        RouteTemplates templates = new RouteTemplates(paths);

        this.app = Javalin.create(javalin -> {
            javalin.concurrency.useVirtualThreads = true;
            javalin.startup.showJavalinBanner = false;
            javalin.startup.showOldJavalinVersionWarning = false;
            javalin.startup.startupWatcherEnabled = false;
            javalin.http.maxRequestSize = config.maxBodyBytes();
            javalin.http.compressionStrategy = CompressionStrategy.NONE;
            javalin.http.generateEtags = false;
            javalin.jsonMapper(new JavalinJackson(mapper, true));
            javalin.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler(mapper)));
            javalin.jetty.modifyServletContextHandler(context -> context.addFilter(new FilterHolder(
                    new UnreadBodyDrain(Math.max(config.maxBodyBytes(), config.maxUploadBytes()))), "/*",
                    EnumSet.of(DispatcherType.REQUEST)));
            // while a request is handled, a blocked read (or write) fails after this long: a body shorter than
            // its Content-Length gets a 408 instead of holding a thread and a connection for the connector's 30 s
            javalin.jetty.modifyHttpConfiguration(http -> http.setIdleTimeout(config.readTimeout().toMillis()));
            if (config.tls() != null) {
                // the only connector, so Javalin adds no plain one: HTTPS on the configured address
                javalin.jetty.addConnector((server, http) -> httpsConnector(server, http, config));
            }
            // before the routes, which report themselves as they are added
            javalin.events.handlerAdded(meta ->
                    registered.add(meta.getHttpMethod().name() + " " + meta.getPath()));
            addRoutes(javalin.routes, tokens, openPaths, templates, docs, config.maxBodyBytes());
        });
    }

    /** The handlers, in the order they run: timing, authentication, the operations, then the error answers. */
    private void addRoutes(RoutesConfig routes, Tokens tokens, Set<String> openPaths, RouteTemplates templates,
                           ApiDocsPage docs, long maxBodyBytes) {
        // first, so that a request refused for want of a token is timed and counted too
        routes.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
        routes.after(ctx -> {
            Long started = ctx.attribute(STARTED);
            if (started != null) {
                metrics.answered(ctx.method().name(), templates.of(ctx.path()), ctx.statusCode(),
                        System.nanoTime() - started);
            }
        });
        routes.before(ctx -> {
            if (!openPaths.contains(ctx.path()) && !ApiDocsPage.serves(ctx.path())) {
                authenticate(ctx, tokens);
            }
        });
        for (RouteTable.Operation operation : table.operations()) {
            register(routes, operation, maxBodyBytes);
        }
        routes.get(ApiDocsPage.PATH, docs::page);
        routes.get(ApiDocsPage.PATH + "/{asset}", docs::asset);

        routes.exception(ApiException.class, (e, ctx) -> {
            if (e.status() == 401) {
                ctx.header("WWW-Authenticate", "Bearer realm=\"reprise\"");
            }
            error(ctx, e.status(), ApiError.of(e.getMessage()));
        });
        routes.exception(InvalidInputException.class,
                (e, ctx) -> error(ctx, 400, new ApiError(e.getMessage(), e.problems())));
        routes.exception(NotFoundException.class, (e, ctx) -> error(ctx, 404, ApiError.of(e.getMessage())));
        routes.exception(WorkspaceBusyException.class, (e, ctx) -> error(ctx, 409, ApiError.of(e.getMessage())));
        routes.exception(WorkspaceException.class, (e, ctx) -> error(ctx, 400, ApiError.of(e.getMessage())));
        routes.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, ApiError.of(e.getMessage())));
        routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), ApiError.of(
                e.getStatus() == 404 ? "no such endpoint: " + ctx.method() + " " + Request.printable(ctx.path())
                        : e.getMessage().toLowerCase(Locale.ROOT))));
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, ApiError.of("the server failed to answer this request; its log has the details"));
        });
        routes.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                error(ctx, 404, ApiError.of("no such endpoint: " + ctx.method() + " " + Request.printable(ctx.path())));
            }
        });
        routes.error(405, ctx -> error(ctx, 405, ApiError.of("method " + ctx.method() + " is not allowed here")));
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
        LOG.info("serving {} on {}{}", workspace.location(), server.url(),
                config.tls() == null ? "" : " with the certificate of " + config.tls().subject());
        return server;
    }

    public int port() {
        return app.port();
    }

    /** The API's base, e.g. {@code http://127.0.0.1:8080/api/v1} ({@code https://} with TLS). */
    public String url() {
        String host = app.jettyServer().server().getURI().getHost();
        return (tls ? "https://" : "http://") + (host == null ? "127.0.0.1" : host) + ":" + port() + table.prefix();
    }

    /** Whether this server speaks HTTPS. */
    public boolean tls() {
        return tls;
    }

    private static ServerConnector httpsConnector(Server server, HttpConfiguration http, Config config) {
        char[] password = new char[24];
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < password.length; i++) {
            password[i] = (char) ('a' + random.nextInt(26));
        }
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(config.tls().keyStore(password));
        ssl.setKeyStorePassword(new String(password));
        HttpConfiguration https = new HttpConfiguration(http);
        https.setIdleTimeout(config.readTimeout().toMillis());
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // clients check the certificate's names themselves; the server serves whatever host name it was reached by
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        ServerConnector connector = new ServerConnector(server,
                new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()), new HttpConnectionFactory(https));
        connector.setHost(config.bind());
        connector.setPort(config.port());
        return connector;
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

    /**
     * Reads the runs that have not ended into {@code counts}: a bounded query (queued and running runs are few;
     * past {@link #SEEDED_RUNS} the log says so and the gauges count low until those runs end). The ended runs are
     * not read at all: the counters of {@link RunCounts} start at zero, as counters do.
     */
    private static void seedRunCounts(Workspace workspace, RunCounts counts) {
        RunQuery query = RunQuery.all().withStates(EnumSet.of(RunState.QUEUED, RunState.RUNNING))
                .withLimit(RunQuery.MAX_LIMIT);
        int read = 0;
        while (true) {
            RunPage page = workspace.runs(query);
            page.runs().forEach(counts::seed);
            read += page.runs().size();
            if (page.nextCursor() == null) {
                return;
            }
            if (read >= SEEDED_RUNS) {
                LOG.warn("more than {} runs are queued or running; the metrics count those read", read);
                return;
            }
            query = query.withAfter(page.nextCursor());
        }
    }

    private void register(RoutesConfig routes, RouteTable.Operation operation, long maxBodyBytes) {
        String path = table.fullPath(operation);
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
            case EVENTS, BYTES, UPLOAD, TEXT -> ctx -> operation.raw().answer(new Request(ctx, mapper, maxBodyBytes,
                    operation.path()));
        };
        switch (operation.method()) {
            case "GET" -> routes.get(path, handler);
            case "POST" -> routes.post(path, handler);
            case "PUT" -> routes.put(path, handler);
            case "DELETE" -> routes.delete(path, handler);
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
