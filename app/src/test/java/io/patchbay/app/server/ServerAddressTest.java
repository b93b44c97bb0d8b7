package io.patchbay.app.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which server may stand in for a command: one of the same environment and installation, in a folder of the user's alone. */
class ServerAddressTest {
    @TempDir
    Path dir;

    @Test
    void theEnvironmentNamesTheServerButWhatAShellChangesAtEachCommandDoesNot() {
        ServerAddress base = address(Map.of()).orElseThrow();
        assertEquals(base, address(Map.of("PWD", "/srv", "OLDPWD", "/tmp", "_", "/usr/bin/patchbay", "SHLVL", "3")).orElseThrow());
        for (Map<String, String> change : java.util.List.of(Map.of("TZ", "Europe/Vienna"),
                Map.of("PATCHBAY_WORKSPACE", "/srv/ws"), Map.of("HOME", "/home/other"), Map.of("LANG", "de_AT.UTF-8"))) {
            assertNotEquals(base.key(), address(change).orElseThrow().key(), change.toString());
        }
        assertEquals(dir.resolve("patchbay"), base.socket().getParent());
        assertTrue(base.socket().getFileName().toString().matches("c-[0-9a-f]{16}\\.sock"), base.socket().toString());
    }

    @Test
    void anotherInstallationIsAnotherServer() throws Exception {
        Path jar = Files.writeString(dir.resolve("a.jar"), "one");
        Map<String, String> env = env(Map.of());
        long before = ServerAddress.of(env, "/java", jar.toString()).orElseThrow().key();
        Files.writeString(jar, "two, longer");
        assertNotEquals(before, ServerAddress.of(env, "/java", jar.toString()).orElseThrow().key());
    }

    @Test
    void noServerWhenSwitchedOffOrWhenAnEnvironmentPathIsRelative() {
        assertEquals(Optional.empty(), address(Map.of("PATCHBAY_COMMAND_SERVER", "off")));
        assertEquals(Optional.empty(), address(Map.of("PATCHBAY_WORKSPACE", "ws")));
        assertEquals(Optional.empty(), address(Map.of("HOME", "home")));
        assertTrue(address(Map.of("PATCHBAY_WORKSPACE", "/srv/ws")).isPresent());
    }

    @Test
    void theFolderIsMadePrivateAndOneOthersMayEnterIsNotUsed() throws Exception {
        address(Map.of()).orElseThrow();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("patchbay"))));
        Files.setPosixFilePermissions(dir.resolve("patchbay"), PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(Optional.empty(), address(Map.of()));
        Files.delete(dir.resolve("patchbay"));
        Files.createSymbolicLink(dir.resolve("patchbay"), Files.createDirectory(dir.resolve("elsewhere")));
        assertEquals(Optional.empty(), address(Map.of()), "a link, even to a folder of the user's");
    }

    private Optional<ServerAddress> address(Map<String, String> extra) {
        return ServerAddress.of(env(extra), System.getProperty("java.home"), System.getProperty("java.class.path"));
    }

    private Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove("PATCHBAY_WORKSPACE");
        env.remove("PATCHBAY_COMMAND_SERVER");
        env.put("XDG_RUNTIME_DIR", dir.toString());
        env.putAll(extra);
        return env;
    }
}
