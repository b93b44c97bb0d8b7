package io.patchbay.agent.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An operator runs agent commands with sudo on a home that belongs to the agent's user ({@code nobody} here).
 * The policy keeps its owner and mode, so the agent, as its own user, still reads it; a command that would leave
 * root's files behind is refused in one line naming the owner. Real launchers as real users: the test must run
 * as root and needs {@code setpriv}; it fails otherwise.
 */
class AnotherUserTest {
    private static final String AGENT_USER = "nobody";

    @TempDir
    Path dir;

    @Test
    void sudoPolicySetKeepsOwnerAndModeAndTheAgentsUserStillReadsIt() throws Exception {
        assertEquals("root", System.getProperty("user.name"), "this test runs the command as root");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        AgentSite site = new AgentSite(dir.resolve("site"), null);
        exec("chown", "-R", AGENT_USER + ":", dir.resolve("site").toString());
        String classPath = readableClassPath(dir.resolve("cp"));
        Path policy = site.home.policy();
        PosixFileAttributes before = attrs(policy);
        assertEquals(AGENT_USER, before.owner().getName());

        Result set = agent(null, classPath, "policy", "--home", site.home.dir().toString(), "--set", "wait-days=2");
        assertEquals(0, set.exit(), set.output());

        PosixFileAttributes after = attrs(policy);
        assertEquals(before.owner(), after.owner(), "owner kept");
        assertEquals(before.group(), after.group(), "group kept");
        assertEquals(before.permissions(), after.permissions(), "mode kept");
        assertNotEquals(before.lastModifiedTime(), after.lastModifiedTime(), "the file was rewritten");
        try (var left = Files.list(site.home.dir())) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
        }

        Result read = agent(AGENT_USER, classPath, "policy", "--home", site.home.dir().toString());
        assertEquals(0, read.exit(), read.output());
        assertTrue(Pattern.compile("(?m)^wait-days\\s+2\\s").matcher(read.output()).find(), read.output());
        Result list = agent(AGENT_USER, classPath, "list", "--home", site.home.dir().toString());
        assertEquals(0, list.exit(), list.output());

        Result install = agent(null, classPath, "install", "--home", site.home.dir().toString(), "12.10.11");
        assertEquals(1, install.exit(), install.output());
        String error = install.output().strip();
        assertEquals(1, error.lines().count(), error);
        assertTrue(error.contains("belongs to nobody, not root: run 'agent install' as nobody"), error);
    }

    private record Result(int exit, String output) {
    }

    /** The agent's launcher in a child JVM, as {@code user} (null: as this process's user). */
    private Result agent(String user, String classPath, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        if (user != null) {
            String uid = exec("id", "-u", user).strip();
            String gid = exec("id", "-g", user).strip();
            command.addAll(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + dir, "-cp", classPath, io.patchbay.agent.cli.AgentMain.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    /**
     * This JVM's class path copied where another user can read it (the local Maven repository under /root is
     * not readable by {@code nobody}).
     */
    private static String readableClassPath(Path into) throws Exception {
        Files.createDirectories(into);
        List<String> entries = new ArrayList<>();
        int i = 0;
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path from = Path.of(entry);
            if (!Files.exists(from)) {
                continue;
            }
            Path to = into.resolve((i++) + "-" + from.getFileName());
            exec("cp", "-r", from.toString(), to.toString());
            entries.add(to.toString());
        }
        exec("chmod", "-R", "a+rX", into.toString());
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static PosixFileAttributes attrs(Path p) throws Exception {
        return Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    private static String exec(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (exit " + p.exitValue() + "): " + out);
        }
        return out;
    }
}
