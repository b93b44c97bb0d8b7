package io.patchbay.agent.run;

import io.patchbay.agent.log.AgentLog;
import io.patchbay.model.policy.InstallWindow;
import io.patchbay.model.report.PatchState;
import io.patchbay.model.workspace.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run of the agent leaves one line per event in {@code logs/agent.log}, each a single plain line. */
class AgentLogTest {
    private static final Instant MONDAY_9_UTC = Instant.parse("2026-11-23T09:00:00Z");
    private static final Instant MONDAY_10_UTC = Instant.parse("2026-11-23T10:00:00Z");
    private static final Pattern LINE = Pattern.compile(
            "\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z (receive|refuse|decision|install|rollback|notice) \\S.*");

    @TempDir
    Path dir;

    @Test
    void aRunLogsOneLinePerReceiveRefusalDecisionInstallRollbackAndNotice() throws Exception {
        AgentSite site = new AgentSite(dir, null);
        site.policy(p -> p.withWindow(InstallWindow.ANY));
        Agent agent = site.agent(new MutableClock(MONDAY_10_UTC));

        agent.receive(site.deliver(site.kit(AgentSite.manifest("12.10.11", false, MONDAY_9_UTC), null)));
        agent.tick();
        assertEquals(PatchState.INSTALLED, agent.installNow("12.10.11", null).state());
        agent.receive(site.deliver(site.kit(AgentSite.manifest("12.10.12", true, MONDAY_9_UTC),
                "printf 'database locked\\r\\n\\033[31mred\\033[0m\\n' >&2; exit 3")));
        agent.tick();
        agent.receive(Files.writeString(site.inbox.resolve("Spruce-12.10.13.kit"), "not a kit"));

        List<String> lines = Files.readAllLines(site.home.logs().resolve(AgentLog.FILE_NAME));
        for (String line : lines) {
            assertTrue(LINE.matcher(line).matches(), "one plain line per event: " + line);
            assertTrue(line.chars().noneMatch(c -> c < 0x20), "no control character: " + line);
        }
        List<String> events = lines.stream().map(l -> l.substring(l.indexOf(' ') + 1)).toList();
        assertEquals(List.of(
                "receive Spruce 12.10.11 (Spruce-12.10.11.kit) signed by SHA256:",
                "notice [acme-paris] Received Spruce 12.10.11",
                "decision Spruce 12.10.11: received -> waiting: ",
                "notice [acme-paris] Manual installation required for Spruce 12.10.11",
                "install installing Spruce 12.10.11 (operator)",
                "install Spruce 12.10.11: installed",
                "notice [acme-paris] Installed Spruce 12.10.11",
                "receive Spruce 12.10.12 (Spruce-12.10.12.kit) signed by SHA256:",
                "notice [acme-paris] Received Spruce 12.10.12",
                "install installing Spruce 12.10.12 (automatic)",
                "rollback Spruce 12.10.12: rolled back (",
                "notice [acme-paris] Rolled back Spruce 12.10.12",
                "refuse Spruce-12.10.13.kit: "),
                events.stream().map(AgentLogTest::head).toList());
        String rolledBack = events.stream().filter(e -> e.startsWith("rollback ")).findFirst().orElseThrow();
        assertTrue(rolledBack.contains("\\x1b[31mred\\x1b[0m"),
                "the hook's output is quoted, escaped, on the same line: " + rolledBack);
    }

    @Test
    void controlCharactersAreEscapedNotPassedOn() {
        assertEquals("a\\nb\\r\\tc\\x1b[31md\\x00\\x7f", AgentLog.oneLine("a\nb\r\tc\u001b[31md\u0000\u007f"));
        assertEquals("Spruce 12.10.11 über", AgentLog.oneLine("Spruce 12.10.11 über"));
    }

    /** The part of an event line a test can know beforehand: up to the fingerprint, reason or first colon's text. */
    private static String head(String event) {
        for (String cut : new String[]{"SHA256:", "rolled back (", ": received -> waiting: ", ".kit: "}) {
            int i = event.indexOf(cut);
            if (i >= 0) {
                return event.substring(0, i + cut.length());
            }
        }
        return event;
    }
}
