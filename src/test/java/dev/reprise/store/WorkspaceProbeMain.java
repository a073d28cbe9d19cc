package dev.reprise.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A second process for workspace tests. {@code open DIR}: opens the workspace, prints {@code OPENED} or
 * {@code LOCKED: <message>} and exits 0 or 3. {@code hold-database DIR}: opens only the workspace's H2
 * database, the way a foreign tool would, prints {@code HOLDING} and keeps it open until its input ends.
 */
public final class WorkspaceProbeMain {

    static final int LOCKED_EXIT = 3;

    private WorkspaceProbeMain() {
    }

    public static void main(String[] args) throws IOException, SQLException {
        Path dir = Path.of(args[1]);
        switch (args[0]) {
            case "open" -> {
                try (H2Store ignored = H2Store.open(dir)) {
                    System.out.println("OPENED");
                } catch (WorkspaceLockedException e) {
                    System.out.println("LOCKED: " + e.getMessage());
                    System.exit(LOCKED_EXIT);
                }
            }
            case "hold-database" -> {
                try (Connection ignored = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("reprise"),
                        "sa", "")) {
                    System.out.println("HOLDING");
                    System.out.flush();
                    System.in.transferTo(java.io.OutputStream.nullOutputStream());
                }
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }
}
