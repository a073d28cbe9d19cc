package dev.reprise.client;

import dev.reprise.workspace.PemFiles;
import dev.reprise.workspace.WorkspaceException;
import org.jspecify.annotations.Nullable;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Which servers' certificates a {@link RemoteWorkspace} trusts: the JVM's authorities, or, given a CA certificate
 * file (PEM), only the certificates in it — the authority that signed the server's certificate, or a self-signed
 * server's own — as {@code curl --cacert} does. It also tells a handshake refused for the server's certificate
 * from other failures, to say what to do about it. Stateless.
 */
final class ServerTrust {

    private ServerTrust() {
    }

    /** The TLS context that trusts the certificates of the PEM file {@code caCertificate}, read and checked now. */
    static SSLContext trusting(Path caCertificate) {
        List<X509Certificate> authorities = PemFiles.certificates(caCertificate, "CA certificate",
                "the authority that signed the server's certificate, or the server's own if it is self-signed");
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < authorities.size(); i++) {
                store.setCertificateEntry("ca-" + i, authorities.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new WorkspaceException("cannot trust the CA certificate " + caCertificate + ": " + e.getMessage(), e);
        }
    }

    /**
     * The refusal of a server whose certificate was not trusted, saying why and what to do; null when
     * {@code failure} is not that (a refused connection, a timeout, another handshake failure).
     */
    static @Nullable WorkspaceException untrusted(IOException failure, String server, @Nullable Path caCertificate) {
        Throwable handshake = null;
        Throwable certificate = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLHandshakeException) {
                handshake = cause;
            }
            if (handshake != null && cause instanceof CertificateException) {
                certificate = cause;
            }
        }
        if (certificate == null) {
            return null;
        }
        Throwable deepest = certificate;
        while (deepest.getCause() != null) {
            deepest = deepest.getCause();
        }
        // no path to a trusted certificate is said in PKIX words; other reasons (a name the certificate does not
        // cover, a date it is not valid at) are clear as the JDK says them
        String why = deepest instanceof CertPathBuilderException
                ? (caCertificate == null ? "no authority this JVM trusts signed it" : "it is not that certificate, "
                        + "nor signed by it")
                : deepest.getMessage() == null ? deepest.getClass().getSimpleName() : deepest.getMessage();
        return new WorkspaceException(caCertificate == null
                ? "the certificate of the Reprise server at " + server + " is not trusted (" + why + "): if it is "
                        + "self-signed or signed by your own authority, give that certificate (PEM) with --ca-cert FILE"
                : "the certificate of the Reprise server at " + server + " is not trusted by the CA certificate "
                        + caCertificate + " (" + why + "): give the certificate of the authority that signed it, "
                        + "or the server's own if it is self-signed", failure);
    }
}
