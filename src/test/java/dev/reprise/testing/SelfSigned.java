package dev.reprise.testing;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;

/**
 * Self-signed certificates for tests of HTTPS, made by the JDK's keytool for 127.0.0.1, 127.0.0.2 and localhost
 * and written out as PEM files, as a person would give them to {@code reprise server --tls-cert/--tls-key} and
 * to a client's {@code --ca-cert}. keytool takes a few seconds per pair: make them once per test class.
 */
public final class SelfSigned {

    /** A certificate and its key as PEM files, and the certificate itself, to trust. */
    public record Pair(Path certificate, Path key, Certificate trusted) {
    }

    private SelfSigned() {
    }

    /** A new pair named {@code name} (the certificate's CN) of {@code algorithm} (RSA, EC), its files in {@code folder}. */
    public static Pair make(Path folder, String name, String algorithm) throws Exception {
        Path store = folder.resolve(name + ".p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", name, "-keyalg", algorithm,
                "-dname", "CN=" + name, "-ext", "SAN=ip:127.0.0.1,ip:127.0.0.2,dns:localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new AssertionError("keytool failed: " + output);
        }
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, "changeit".toCharArray());
        }
        Certificate certificate = keyStore.getCertificate(name);
        PrivateKey key = (PrivateKey) keyStore.getKey(name, "changeit".toCharArray());
        Path certificateFile = folder.resolve(name + "-cert.pem");
        Path keyFile = folder.resolve(name + "-key.pem");
        Files.writeString(certificateFile, pem("CERTIFICATE", certificate.getEncoded()));
        Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
        return new Pair(certificateFile, keyFile, certificate);
    }

    /** {@code der} as a PEM block of {@code type} ("CERTIFICATE", "PRIVATE KEY"). */
    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
