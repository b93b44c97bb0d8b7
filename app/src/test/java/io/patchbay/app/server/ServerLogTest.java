package io.patchbay.app.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A server a pipeline keeps busy never stops: its log keeps to two files of about a megabyte. */
class ServerLogTest {
    @TempDir
    Path dir;

    @Test
    void aPasswordInACommandLineIsNotLogged() {
        assertEquals("status --database jdbc:postgresql://db:5432/pb?user=alice&password=*** --json",
                ServerLog.redact("status --database jdbc:postgresql://db:5432/pb?user=alice&password=s3cr3t --json"));
        assertEquals("site list --database=jdbc:postgresql://db/pb?PWD=***&ssl=true",
                ServerLog.redact("site list --database=jdbc:postgresql://db/pb?PWD=x&ssl=true"));
    }

    @Test
    void pastItsLimitTheLogMovesAsideAndStartsAgain() throws Exception {
        Path file = dir.resolve("c-0123456789abcdef.log");
        ServerLog log = new ServerLog(file);
        String command = "status --json --workspace /srv/patchbay/ws (in /home/rm): exit 0, 17 ms " + "x".repeat(900);
        for (int i = 0; i < 2_500; i++) {
            log.accept(command);
        }
        assertTrue(Files.size(file) <= ServerLog.LIMIT, "the log: " + Files.size(file));
        Path older = dir.resolve("c-0123456789abcdef.log.1");
        assertTrue(Files.size(older) > ServerLog.LIMIT && Files.size(older) < ServerLog.LIMIT + 2_000, "the one before");
        assertTrue(Files.readString(file).lines().allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT.*\\[.+] status --json .*")),
                "each line has its time and zone");
    }
}
