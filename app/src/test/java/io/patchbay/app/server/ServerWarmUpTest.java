package io.patchbay.app.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A new server warms up on a sample workspace of its own, says so in its log, and leaves nothing behind. */
class ServerWarmUpTest {
    @TempDir
    Path dir;

    @Test
    void runsTheReadCommandsOnASampleWorkspaceAndRemovesIt() throws Exception {
        Path folder = dir.resolve("c-0123456789abcdef.warm");
        Files.createDirectories(folder.resolve("left-by-a-killed-server"));
        List<String> log = new ArrayList<>();
        new ServerWarmUp(folder, log::add).run();
        assertEquals(1, log.size(), log.toString());
        assertTrue(log.get(0).matches("warmed up: " + ServerWarmUp.ROUNDS * 5 + " commands on a sample workspace in \\d+ ms"),
                log.get(0));
        assertFalse(Files.exists(folder));
    }
}
