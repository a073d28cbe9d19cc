package dev.reprise.server;

import dev.reprise.workspace.PemFiles;
import dev.reprise.workspace.WorkspaceException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The certificate chain and private key a {@link WorkspaceServer} serves HTTPS with, read from PEM files: the
 * chain as one or more {@code CERTIFICATE} blocks (the server's own first), the key as an unencrypted PKCS#8
 * {@code PRIVATE KEY} block (RSA, EC or EdDSA). {@link #load} checks everything a person could get wrong before
 * the server listens: a file missing or unreadable, not PEM, a key in another form (it says how to convert it),
 * and a key that does not belong to the certificate. Immutable; thread-safe.
 */
public final class ServerTls {

    private static final Pattern KEY_BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z ]*PRIVATE KEY)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "Ed25519", "Ed448", "EdDSA"};

    private final Path certificateFile;
    private final List<X509Certificate> chain;
    private final PrivateKey key;

    private ServerTls(Path certificateFile, List<X509Certificate> chain, PrivateKey key) {
        this.certificateFile = certificateFile;
        this.chain = List.copyOf(chain);
        this.key = key;
    }

    /** Reads and checks the pair; a {@link WorkspaceException} says what is wrong with which file. */
    public static ServerTls load(Path certificateFile, Path keyFile) {
        List<X509Certificate> chain = PemFiles.certificates(certificateFile, "certificate", "the server's first");
        PrivateKey key = privateKey(keyFile);
        if (!belongTogether(key, chain.getFirst())) {
            throw new WorkspaceException("the private key " + keyFile + " does not belong to the certificate "
                    + certificateFile + " (" + chain.getFirst().getSubjectX500Principal().getName()
                    + "): give the key the certificate was made for");
        }
        return new ServerTls(certificateFile, chain, key);
    }

    /** The subject of the server's certificate, for the log. */
    public String subject() {
        return chain.getFirst().getSubjectX500Principal().getName();
    }

    /** A key store holding the pair under {@code password}, for Jetty's SSL context. */
    KeyStore keyStore(char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("reprise", key, password, chain.toArray(Certificate[]::new));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new WorkspaceException("cannot use the certificate " + certificateFile + ": " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(Path file) {
        String text = new String(PemFiles.read(file, "private key"), StandardCharsets.US_ASCII);
        Matcher block = KEY_BLOCK.matcher(text);
        if (!block.find()) {
            throw new WorkspaceException("the private key " + file + " holds no PEM private key; it should hold a "
                    + "'-----BEGIN PRIVATE KEY-----' block (PKCS#8)");
        }
        String kind = block.group(1);
        if (!kind.equals("PRIVATE KEY")) {
            throw new WorkspaceException("the private key " + file + " is a '" + kind + "', not an unencrypted "
                    + "PKCS#8 'PRIVATE KEY'; convert it with: openssl pkcs8 -topk8 -nocrypt -in " + file.getFileName()
                    + " -out key.pem" + (kind.startsWith("ENCRYPTED") ? " (it asks for the key's passphrase)" : ""));
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(block.group(2));
        } catch (IllegalArgumentException e) {
            throw new WorkspaceException("the private key " + file + " is not valid base64 between its PEM lines", e);
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException e) {
                // not this algorithm: try the next
            }
        }
        throw new WorkspaceException("the private key " + file + " is not an RSA, EC or EdDSA key in PKCS#8 form");
    }

    /** Whether {@code key} signs what the certificate's public key verifies. */
    private static boolean belongTogether(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // Ed25519, Ed448, EdDSA sign with their own name
        };
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            // a key of another algorithm than the certificate's cannot verify: not a pair
            return false;
        }
    }
}
