package io.patchbay.app.server;

import io.patchbay.app.cli.PatchbayCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A command server on a real Unix socket in this JVM, and the client a launcher runs: what a served command writes and
 * its exit code are what the same command writes and returns in its own JVM.
 */
class CommandServerTest {
    @TempDir
    Path dir;

    private ServerAddress address;
    private CommandServer server;
    private Thread serving;
    private String ws;
    private final StringBuffer logged = new StringBuffer();
    private final Consumer<String> log = line -> logged.append(line).append('\n');

    @BeforeEach
    void workspaceAndServer() throws Exception {
        ws = dir.resolve("ws").toString();
        SampleWorkspace.create(Path.of(ws)); // a site "sample", a release, a delivery
        address = address(Map.of());
        server = CommandServer.start(address, Duration.ofMinutes(5), log).orElseThrow();
        serving = new Thread(server::serve, "test-server");
        serving.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        serving.join(10_000);
    }

    @Test
    void aServedCommandWritesAndExitsAsItsOwnJvmWould() {
        for (List<String> command : List.of(
                List.of("status", "--workspace", ws),
                List.of("status", "--json", "--workspace", ws),
                List.of("release", "list", "--workspace", ws),
                List.of("release", "list", "--json", "--workspace", ws),
                List.of("site", "list", "--workspace", ws),
                List.of("site", "show", "sample", "--workspace", ws),
                List.of("rollout", "list", "--workspace", ws),
                List.of("alerts", "--json", "--workspace", ws),
                List.of("site", "show", "nowhere", "--workspace", ws),
                List.of("status", "--workspace", dir.resolve("no-such-workspace").toString()),
                List.of("release", "list", "--no-such-option", "--workspace", ws))) {
            Run own = inOwnJvm(command);
            Run served = served(dir, command);
            assertEquals(own, served, String.join(" ", command));
        }
        assertTrue(inOwnJvm(List.of("site", "list", "--workspace", ws)).out().contains("sample"));
        assertEquals(3, inOwnJvm(List.of("site", "show", "nowhere", "--workspace", ws)).exit());
    }

    @Test
    void pathsOnTheCommandLineAreTheClientsRelativeToItsFolder() {
        Run served = served(dir, List.of("site", "list", "--workspace", "ws"));
        assertEquals(0, served.exit(), served.err());
        assertTrue(served.out().contains("sample"), served.out());
        Run elsewhere = served(dir.resolve("ws"), List.of("site", "list", "--workspace", "ws"));
        assertEquals(3, elsewhere.exit(), "ws/ws is no workspace: " + elsewhere);
        assertTrue(elsewhere.err().contains(dir.resolve("ws/ws").toString()), elsewhere.err());
    }

    @Test
    void commandsThatWriteOrAskAreLeftToTheirOwnJvm() {
        for (List<String> command : List.of(
                List.of("site", "remove", "sample", "--workspace", ws),
                List.of("status", "import", "report.bundle", "--workspace", ws),
                List.of("deliver", "--workspace", ws),
                List.of("workspace", "init", "--workspace", ws),
                List.of("report", "sites", "--out", "sites.csv", "--workspace", ws),
                List.of("--version"))) {
            assertEquals(OptionalInt.empty(), client(dir, command), String.join(" ", command));
        }
        assertTrue(inOwnJvm(List.of("site", "list", "--workspace", ws)).out().contains("sample"), "nothing removed");
    }

    @Test
    void aClientOfAnotherEnvironmentIsNotServed() throws Exception {
        ServerAddress other = address(Map.of("PATCHBAY_WORKSPACE", "/elsewhere"));
        CommandRequest request = new CommandRequest(other.key(), dir, List.of("site", "list", "--workspace", ws));
        assertEquals(OptionalInt.empty(), CommandClient.run(address, request, new ByteArrayOutputStream(),
                new ByteArrayOutputStream()));
    }

    @Test
    void severalClientsAtOnceEachGetTheirOwnAnswer() throws Exception {
        List<CompletableFuture<Run>> runs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            List<String> command = i % 2 == 0 ? List.of("site", "list", "--workspace", ws)
                    : List.of("release", "list", "--json", "--workspace", ws);
            runs.add(CompletableFuture.supplyAsync(() -> served(dir, command)));
        }
        Run sites = inOwnJvm(List.of("site", "list", "--workspace", ws));
        Run releases = inOwnJvm(List.of("release", "list", "--json", "--workspace", ws));
        for (int i = 0; i < runs.size(); i++) {
            assertEquals(i % 2 == 0 ? sites : releases, runs.get(i).get(1, TimeUnit.MINUTES));
        }
    }

    @Test
    void oneServerPerAddress() throws Exception {
        assertTrue(CommandServer.start(address, Duration.ofMinutes(5), log).isEmpty());
    }

    @Test
    void removingItsSocketStopsTheServerAndNoServerMeansRunItYourself() throws Exception {
        Files.delete(address.socket());
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> serving.join());
        assertEquals(OptionalInt.empty(), client(dir, List.of("site", "list", "--workspace", ws)));
        server.close();
        assertTrue(logged.toString().contains("stopped: its socket " + address.socket() + " was removed"), logged.toString());
    }

    @Test
    void anIdleServerStops() throws Exception {
        server.close();
        serving.join();
        CommandServer brief = CommandServer.start(address, Duration.ofSeconds(1), log).orElseThrow();
        Thread t = new Thread(brief::serve);
        t.start();
        assertEquals(0, served(dir, List.of("site", "list", "--workspace", ws)).exit());
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> t.join());
        brief.close();
        assertTrue(logged.toString().contains("site list --workspace " + ws + " (in " + dir + "): exit 0, "), logged.toString());
        assertTrue(logged.toString().contains("stopped: idle for PT1S"), logged.toString());
        assertFalse(Files.exists(address.socket()), "its socket is removed");
        server = CommandServer.start(address, Duration.ofMinutes(5), log).orElseThrow(); // for @AfterEach
        serving = new Thread(server::serve);
        serving.start();
    }

    record Run(int exit, String out, String err) {
    }

    private static Run inOwnJvm(List<String> command) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = PatchbayCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), command.get(0))
                .execute(command.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private Run served(Path cwd, List<String> command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        OptionalInt exit = CommandClient.run(address, new CommandRequest(address.key(), cwd, command), out, err);
        assertTrue(exit.isPresent(), "not served: " + command);
        return new Run(exit.getAsInt(), out.toString(Charset.defaultCharset()), err.toString(Charset.defaultCharset()));
    }

    private OptionalInt client(Path cwd, List<String> command) {
        return CommandClient.run(address, new CommandRequest(address.key(), cwd, command), new ByteArrayOutputStream(),
                new ByteArrayOutputStream());
    }

    /** This JVM's address with {@code extra} in its environment and its private folder under the test's. */
    private ServerAddress address(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("XDG_RUNTIME_DIR", dir.toString());
        env.remove(ServerAddress.SWITCH);
        env.remove("PATCHBAY_WORKSPACE");
        env.putAll(extra);
        return ServerAddress.of(env, System.getProperty("java.home"), System.getProperty("java.class.path")).orElseThrow();
    }
}
