package dev.reprise.cli;

import dev.reprise.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code reprise connect URL [--token T] [--ca-cert FILE]}: checks the server, the token and the certificate, then
 * saves the connection.
 */
@Command(name = "connect", description = {"Check a Reprise server and save the connection (URL, token, and the "
        + "--ca-cert file if given).", "Afterwards --server URL needs no --token nor --ca-cert."})
final class ConnectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "URL", description = "The server, e.g. http://127.0.0.1:8080.")
    String url;

    @Override
    public Integer call() {
        RepriseCommand root = FlowsCommand.root(spec);
        String server = Connections.normalize(url);
        String token = root.explicitToken();
        if (token == null) {
            token = root.connections().find(server).map(Connections.Connection::token).orElse(null);
        }
        if (token == null) {
            throw new IllegalArgumentException("connect needs a token: --token T or $REPRISE_TOKEN "
                    + "(the server printed its admin token when it first started)");
        }
        Path caCertificate = root.caCertificate(server);
        try (Workspace workspace = root.opener().connect(URI.create(server), token, caCertificate)) {
            int flows = workspace.flows().size();
            root.connections().save(server, token, caCertificate);
            root.out.println("connected to " + server + " (" + flows + " flows); saved in " + root.connections().file());
        }
        return 0;
    }
}
