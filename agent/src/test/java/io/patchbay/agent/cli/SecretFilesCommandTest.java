package io.patchbay.agent.cli;

import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.transport.https.TestCertificates;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code patchbay-agent init} and {@code run} refuse a secret file that group or others may read, in one line with
 * the fix, and {@code init} opens the keystore with its password instead of leaving that to {@code run}.
 */
class SecretFilesCommandTest {
    @TempDir
    Path dir;
    private Path token;
    private Path keystorePassword;
    private Path smtpPassword;

    @BeforeEach
    void files() throws Exception {
        Files.createDirectories(dir.resolve("spruce"));
        SigningKeys.writePublic(dir.resolve("signing.pub"), SigningKeys.generate().getPublic());
        token = secret("token", "s3cret-token-0123456789");
        keystorePassword = secret("keystore.password", new String(TestCertificates.PASSWORD));
        smtpPassword = secret("smtp.password", "smtp-s3cret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"token", "keystore.password", "smtp.password"})
    void initRefusesASecretFileReadableByOthersNamingTheFixAndCreatesNothing(String name) throws Exception {
        Path open = dir.resolve(name);
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString(name.equals("token") ? "rw-r--r--" : "rw-r-----"));

        Result r = agent(init());

        assertNotEquals(0, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("is readable by group or others"), r.err());
        assertTrue(r.err().contains("fix it with: chmod 600 " + open.toAbsolutePath()), r.err());
        assertFalse(Files.exists(dir.resolve("home/agent.json")), "no agent home was created");
    }

    @Test
    void initOpensTheKeystoreAndRefusesAWrongPassword() throws Exception {
        Files.writeString(keystorePassword, "not-the-password");

        Result r = agent(init());

        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("cannot open TLS keystore " + TestCertificates.shared().serverKeystore()), r.err());
        assertFalse(Files.exists(dir.resolve("home/agent.json")));
    }

    @Test
    void runRefusesATokenFileThatBecameReadableSinceInit() throws Exception {
        assertEquals(0, agent(init()).exit());
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-rw-r--"));

        Result r = agent("run", "--home", dir.resolve("home").toString());

        assertNotEquals(0, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("fix it with: chmod 600 " + token.toAbsolutePath()), r.err());
    }

    @Test
    void initRecordsTheHttpsBindAddressAndRefusesOneNotOfThisMachine() throws Exception {
        List<String> elsewhere = new ArrayList<>(init());
        elsewhere.addAll(List.of("--https-bind", "192.0.2.1")); // TEST-NET-1: never an address of this machine
        Result refused = agent(elsewhere.toArray(String[]::new));
        assertNotEquals(0, refused.exit());
        assertTrue(refused.err().contains("HTTPS bind address 192.0.2.1 is not an address of this machine"), refused.err());

        List<String> loopback = new ArrayList<>(init());
        loopback.addAll(List.of("--https-bind", "127.0.0.1"));
        assertEquals(0, agent(loopback.toArray(String[]::new)).exit());
        assertTrue(Files.readString(dir.resolve("home/agent.json")).contains("\"bind\" : \"127.0.0.1\""));
    }

    private List<String> init() throws java.io.IOException {
        return List.of("init", "--home", dir.resolve("home").toString(), "--install-root", dir.resolve("spruce").toString(),
                "--trust", dir.resolve("signing.pub").toString(), "--https-port", "0",
                "--tls-keystore", TestCertificates.shared().serverKeystore().toString(),
                "--keystore-password-file", keystorePassword.toString(), "--token-file", token.toString(),
                "--smtp-host", "127.0.0.1", "--smtp-security", "none", "--mail-from", "agent@acme.example",
                "--mail-to", "admin@acme.example", "--smtp-user", "agent", "--smtp-password-file", smtpPassword.toString());
    }

    private Result agent(List<String> args) {
        return agent(args.toArray(String[]::new));
    }

    private Result agent(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = AgentMain.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private Path secret(String name, String value) throws Exception {
        Path file = Files.writeString(dir.resolve(name), value + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private record Result(int exit, String out, String err) {
    }
}
