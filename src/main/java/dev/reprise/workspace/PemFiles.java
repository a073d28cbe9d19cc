package dev.reprise.workspace;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * PEM files that a person names on a command line: a server's certificate chain and key, the authorities a
 * client trusts. Each failure is a {@link WorkspaceException} that names the file, says what is wrong with it and
 * what it should hold, so that the server and the client read certificates by one rule. Stateless.
 */
public final class PemFiles {

    private PemFiles() {
    }

    /** The bytes of {@code file}, the {@code what} file (e.g. "certificate") of the messages. */
    public static byte[] read(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new WorkspaceException("the " + what + " file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new WorkspaceException("cannot read the " + what + " file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The certificates of the {@code what} file {@code file}, in their order: one or more
     * {@code -----BEGIN CERTIFICATE-----} blocks; {@code expected} says which (e.g. "the server's first").
     */
    public static List<X509Certificate> certificates(Path file, String what, String expected) {
        byte[] bytes = read(file, what);
        String should = "; it should hold '-----BEGIN CERTIFICATE-----' blocks, " + expected;
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            for (Certificate certificate : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes))) {
                certificates.add((X509Certificate) certificate);
            }
        } catch (CertificateException e) {
            throw new WorkspaceException("the " + what + " " + file + " cannot be read as PEM certificates ("
                    + e.getMessage() + ")" + should, e);
        }
        if (certificates.isEmpty()) {
            throw new WorkspaceException("the " + what + " " + file + " holds no certificate" + should);
        }
        return List.copyOf(certificates);
    }
}
