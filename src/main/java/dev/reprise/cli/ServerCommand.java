package dev.reprise.cli;

import dev.reprise.workspace.NotFoundException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code reprise server}: serves the workspace folder over HTTP until stopped (Ctrl-C or SIGTERM), and
 * {@code reprise server tokens create|list|revoke} to manage who may call it. The first start creates
 * an admin token and prints it once.
 */
@Command(name = "server", description = {"Serve a workspace over HTTP or HTTPS (REST and server-sent events) until "
        + "stopped.",
        "The first start creates an admin token and prints it once; manage tokens with 'server tokens'."},
        subcommands = {ServerCommand.Tokens.class})
final class ServerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "Port to listen on (0: any free port; default 8080).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDR",
            description = "Address to listen on (default 127.0.0.1, this machine only; 0.0.0.0 for every interface).")
    String bind;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "Serve HTTPS (not HTTP) with this PEM "
            + "certificate chain, the server's certificate first; needs --tls-key.")
    Path tlsCertificate;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "The PEM private key (unencrypted PKCS#8, "
            + "'BEGIN PRIVATE KEY') of the --tls-cert certificate.")
    Path tlsKey;

    @Override
    public Integer call() throws InterruptedException {
        RepriseCommand root = FlowsCommand.root(spec);
        Path folder = root.localFolder("server");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535");
        }
        if ((tlsCertificate == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together: give both for HTTPS, or neither");
        }
        ServerHost.TlsFiles tls = tlsCertificate == null ? null : new ServerHost.TlsFiles(tlsCertificate, tlsKey);
        CountDownLatch stopped = new CountDownLatch(1);
        ServerHost.Served served = root.serverHost().serve(folder, root.store(), root.leaseTerm(), bind, port, tls);
        Thread stop = new Thread(() -> {
            served.close();
            stopped.countDown();
        }, "reprise-server-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        root.out.println("reprise server: serving " + served.location() + " at " + served.url());
        served.firstToken().ifPresent(token -> {
            root.out.println("admin token (shown only this once; keep it safe): " + token);
            root.out.println("  use it: reprise connect " + served.url().replaceAll("/api/v1$", "") + " --token " + token);
        });
        if (tls == null && !bind.equals("127.0.0.1") && !bind.equals("localhost") && !bind.equals("::1")) {
            root.err.println("warning: listening on " + bind + " over plain HTTP: tokens cross the network unencrypted;"
                    + " give --tls-cert and --tls-key, or put a TLS proxy in front");
        }
        root.out.flush();
        root.err.flush();
        stopped.await();
        return 0;
    }

    @Command(name = "tokens", description = "Create, list and revoke the tokens the server accepts.",
            subcommands = {Create.class, ListTokens.class, Revoke.class})
    static final class Tokens {
    }

    @Command(name = "create", description = "Create a token and print it (it is shown only this once).")
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--name", defaultValue = "token", description = "A name to recognise it by (default: token).")
        String name;

        @Option(names = "--read-only", description = "A token that may only read: runs, logs, artifacts, events "
                + "(for dashboards and colleagues who look, not run).")
        boolean readOnly;

        @Override
        public Integer call() {
            RepriseCommand root = FlowsCommand.root(spec);
            ServerHost.NewToken token = root.serverHost().createToken(root.localFolder("server tokens"), name, readOnly);
            root.err.println("token " + token.id() + " (" + token.name() + (readOnly ? ", read-only" : "")
                    + ") created; it is shown only this once:");
            root.out.println(token.token());
            return 0;
        }
    }

    @Command(name = "list", description = "List the tokens (ids and names; secrets are never stored).")
    static final class ListTokens implements Callable<Integer> {
        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            RepriseCommand root = output.root();
            List<ServerHost.TokenInfo> tokens = root.serverHost().tokens(root.localFolder("server tokens"));
            return output.table(tokens, List.of("ID", "NAME", "MAY", "CREATED"), Set.of("NAME"),
                    token -> List.of(token.id(), token.name(), token.readOnly() ? "read" : "read, write",
                            Format.time(token.createdAt())));
        }
    }

    @Command(name = "revoke", description = "Revoke a token: a running server refuses it from its next request on.")
    static final class Revoke implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The token's id (from 'server tokens list').")
        String id;

        @Override
        public Integer call() {
            RepriseCommand root = FlowsCommand.root(spec);
            if (!root.serverHost().revokeToken(root.localFolder("server tokens"), id)) {
                throw new NotFoundException("no token with id '" + id + "'");
            }
            root.out.println("token " + id + " revoked");
            return 0;
        }
    }
}
