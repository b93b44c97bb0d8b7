package io.patchbay.transport.https;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway CA and a server certificate for {@code localhost} and {@code 127.0.0.1}, made with the
 * JDK's own {@code keytool}: {@link #serverKeystore()} (PKCS12, key + chain) for the agent and
 * {@link #caPem()} for the client's {@code --ca}. Made once per test JVM; keytool is slow to start.
 */
public final class TestCertificates {
    public static final char[] PASSWORD = "changeit-test".toCharArray();
    private static TestCertificates shared;

    private final Path serverKeystore;
    private final Path caPem;

    private TestCertificates(Path serverKeystore, Path caPem) {
        this.serverKeystore = serverKeystore;
        this.caPem = caPem;
    }

    /**
     * One set per build folder: reused across test runs while less than a day old (the certificates
     * are valid for two), because each keytool call starts a JVM and takes seconds on a busy machine.
     * Test JVMs run side by side ({@code test.forks}): a set is made in a folder of its own and renamed into
     * place whole, so no JVM ever reads one set's CA with another set's server key; the first rename wins.
     */
    public static synchronized TestCertificates shared() throws IOException {
        if (shared == null) {
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "patchbay-test-tls");
            if (!fresh(dir)) {
                Path work = Files.createTempDirectory(dir.getParent(), "tls-");
                create(work);
                if (Files.exists(dir)) {
                    // Out of date: set aside rather than deleted, a JVM may still be reading it.
                    try {
                        Files.move(dir, Files.createTempDirectory(dir.getParent(), "tls-old-").resolve("set"));
                    } catch (NoSuchFileException setAsideByAnother) {
                        // the same step, done by another JVM
                    }
                }
                try {
                    Files.move(work, dir, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException another) {
                    if (!fresh(dir)) {
                        throw another;
                    }
                    // Another JVM's set went into place first: that one serves everybody.
                }
            }
            shared = new TestCertificates(dir.resolve("server.p12"), dir.resolve("ca.pem"));
        }
        return shared;
    }

    private static boolean fresh(Path dir) throws IOException {
        Path keystore = dir.resolve("server.p12");
        return Files.exists(keystore) && Files.exists(dir.resolve("ca.pem")) && Files.getLastModifiedTime(keystore)
                .toInstant().isAfter(Instant.now().minus(Duration.ofDays(1)));
    }

    /** Makes a CA (named {@code cn}) and a server certificate signed by it in {@code dir}. */
    public static TestCertificates create(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path ca = dir.resolve("ca.p12");
        Path server = dir.resolve("server.p12");
        Path csr = dir.resolve("server.csr");
        Path crt = dir.resolve("server.crt");
        Path caPem = dir.resolve("ca.pem");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Patchbay Test CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", ca.toString());
        keytool("-exportcert", "-rfc", "-alias", "ca", "-file", caPem.toString(), "-keystore", ca.toString());
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-validity", "2", "-keystore", server.toString());
        keytool("-certreq", "-alias", "server", "-file", csr.toString(), "-keystore", server.toString());
        keytool("-gencert", "-rfc", "-alias", "ca", "-infile", csr.toString(), "-outfile", crt.toString(),
                "-ext", "san=dns:localhost,ip:127.0.0.1", "-ext", "eku=serverAuth", "-validity", "2",
                "-keystore", ca.toString());
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caPem.toString(), "-keystore", server.toString());
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", crt.toString(), "-keystore", server.toString());
        return new TestCertificates(server, caPem);
    }

    public Path serverKeystore() {
        return serverKeystore;
    }

    public Path caPem() {
        return caPem;
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", new String(PASSWORD)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("keytool timed out: " + args[0]);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        String output = new String(process.getInputStream().readAllBytes());
        if (process.exitValue() != 0) {
            throw new IOException("keytool " + args[0] + " failed: " + output);
        }
    }
}
