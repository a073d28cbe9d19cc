package dev.reprise.app;

import dev.reprise.client.RemoteWorkspace;
import dev.reprise.server.TokenStore;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code reprise server} processes on one shared database and one folder of files, for tests and benchmarks:
 * each started on a free loopback port, with a client authenticated by a token made for them all. Closing
 * stops them (SIGTERM, then SIGKILL after 30 s).
 */
final class TeamServers implements AutoCloseable {

    private static final Pattern SERVING = Pattern.compile("reprise server: serving .* at (http://\\S+)/api/v1");

    /** A server process and a client of it. */
    record Server(Process process, String url, RemoteWorkspace client) {
        long pid() {
            return process.pid();
        }

        /** Whether run {@code owner} (as recorded in the database) is this process. */
        boolean owns(String owner) {
            return owner != null && owner.contains("/" + pid() + "/");
        }
    }

    private final String database;
    private final Path files;
    private final Path home;
    private final Duration lease;
    private final String token;
    private final List<Server> servers = new ArrayList<>();

    TeamServers(String database, Path folder, Duration lease) {
        this.database = database;
        this.files = folder.resolve("files");
        this.home = folder.resolve("home");
        this.lease = lease;
        this.token = new TokenStore(files, Clock.systemUTC()).create("test").token();
    }

    /** Starts a server and waits until it says where it listens. */
    Server start() throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "server", "--port", "0", "--store", database, "--lease", lease.toSeconds() + "s",
                "--workspace", files.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("HOME", home.toString());
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> url = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    Matcher matcher = SERVING.matcher(line);
                    if (matcher.find()) {
                        return matcher.group(1);
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        String base;
        try {
            base = url.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.toHandle().destroyForcibly();
            throw new IOException("the server did not say where it listens within 60 s", e);
        }
        if (base == null) {
            throw new IOException("the server stopped before it listened");
        }
        Server server = new Server(process, base,
                RemoteWorkspace.connect(URI.create(base), token, RemoteWorkspace.Options.defaults()));
        servers.add(server);
        return server;
    }

    @Override
    public void close() throws InterruptedException {
        for (Server server : servers) {
            server.client().close();
            server.process().toHandle().destroy();
        }
        for (Server server : servers) {
            if (!server.process().waitFor(30, TimeUnit.SECONDS)) {
                server.process().toHandle().destroyForcibly();
            }
        }
        servers.clear();
    }
}
